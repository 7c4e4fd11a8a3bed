/**
 * An existing PDF the agenda includes as it is (last meeting's minutes): checked before anything is
 * printed, so a file that is not a PDF, is damaged or is encrypted is a clear problem, not a failed pack.
 */
import { isPapersError, PapersError, problem } from '../errors.js';
import { openPdf } from './metadata.js';

/** Pages of an existing PDF, or a clear problem when it cannot be read (not a PDF, damaged, encrypted). */
export async function includedPdfPages(bytes: Uint8Array, display: string): Promise<number> {
  const unreadable = (reason: string): PapersError =>
    new PapersError([problem('SourceUnreadable', { reason, expected: 'a PDF to include in the pack, unprotected' }, { file: display })]);
  if (!Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(1024, bytes.length)).toString('latin1').includes('%PDF-')) throw unreadable('it is not a PDF');
  try {
    const doc = await openPdf(bytes);
    if (doc.isEncrypted) throw unreadable('it is password-protected or encrypted');
    return doc.getPageCount();
  } catch (e) {
    if (isPapersError(e)) throw e;
    throw unreadable(`it is damaged: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
}
