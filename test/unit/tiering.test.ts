import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { optimiseLaterFlag } from '../../src/cli/tiering.js';

describe('optimiseLater: V8 optimises four times later than its default', () => {
  it('names the setting of each V8 it knows, and none for one it does not', () => {
    expect(optimiseLaterFlag('11.3.244.8-node.38')).toBe('--interrupt-budget=270336'); // Node 20
    expect(optimiseLaterFlag('12.4.254.21-node.57')).toBe('--invocation-count-for-turbofan=12000'); // Node 22
    expect(optimiseLaterFlag('13.6.233.10-node.27')).toBe('--invocation-count-for-turbofan=12000'); // Node 24
    expect(optimiseLaterFlag('10.2.154.26-node.26')).toBeUndefined();
    expect(optimiseLaterFlag('14.1.0')).toBeUndefined();
  });

  it('is a setting this Node’s V8 has: setting it prints nothing (V8 prints an error for one it does not have)', () => {
    const flag = optimiseLaterFlag(process.versions.v8);
    expect(flag, `this test's Node has V8 ${process.versions.v8}`).toBeDefined();
    const r = spawnSync(process.execPath, ['-e', `require('node:v8').setFlagsFromString(${JSON.stringify(flag)}); console.log('set')`], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('set\n');
    // The check itself: a setting V8 does not have is reported on stderr.
    const wrong = spawnSync(process.execPath, ['-e', `require('node:v8').setFlagsFromString('--no-such-setting-at-all=1')`], { encoding: 'utf8' });
    expect(wrong.stderr).toMatch(/unrecognized flag/);
  });
});
