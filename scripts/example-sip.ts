/**
 * The improvement-board example's data (examples/improvement-board/): a service improvement plan's RAG
 * summary sheet in the shape of seed 000 — REF | WORKSTREAM DETAIL | RAG | COMMENTARY | NEXT KEY
 * MILESTONES (March | April), eight workstream heading rows, 47 projects rated with letters (21 green,
 * 18 amber, 8 red, as the seed's are), no RAG criteria columns, the header repeated where the printed
 * sheet breaks its pages, and the footer "Accurate when produced on 24/02/2017" — with the outcomes
 * appendix beside it (scripts/example-measures.ts). Titles, commentary and milestones are invented.
 */
import ExcelJS from 'exceljs';

/** [REF, project, RAG letter, commentary (non-green only), March milestones, April milestones]. */
type SipProject = [string, string, 'G' | 'A' | 'R', string, string, string];

export const SIP_WORKSTREAMS: { number: number; title: string; projects: SipProject[] }[] = [
  {
    number: 1,
    title: 'Support and Develop Our Workforce',
    projects: [
      ['1.1', 'Workforce strategy for social workers', 'G', '', '09 Mar - Strategy launched with group managers', ''],
      ['1.2', 'Recruitment campaign', 'G', '', '13 Mar - New recruitment pages ready for comment 21 Mar - Campaign launched', '10 Apr - Recruitment pages live'],
      ['1.3', 'Review of the service’s structure', 'A', 'Timetable depends on the outcome of staff consultation', '01 Mar - Staff consultation opens', '01 Apr - First staff move to new teams'],
      ['1.4', 'Pay review for social work staff', 'G', '', '31 Mar - First phase of the pay proposals in place', '30 Apr - Second phase scoped'],
      ['1.5', 'Social work academy and career pathway', 'A', 'Plan awaits the workforce board’s decision on 28 February', '20 Mar - Procurement specification drafted', '03 Apr - Tender issued'],
      ['1.6', 'Development programme for team managers', 'A', 'Plan being written to the newly agreed scope', '30 Mar - Specification agreed', ''],
      ['1.7', 'Workforce data and management information', 'R', 'Scope and specification not yet agreed', '', ''],
      ['1.8', 'Principal social worker role', 'G', '', '06 Mar - Interviews held 28 Mar - Staff health check survey closes', '22 Apr - Health check findings shared'],
    ],
  },
  {
    number: 2,
    title: 'Improve Our Practice',
    projects: [
      ['2.1', 'Practice standards for social workers', 'R', 'Standards site must be rebuilt as a private site', '31 Mar - Standards site filled', '01 Apr - Monthly review of the site begins'],
      ['2.2', 'Quality of assessments', 'R', 'Scope, learning aims and training provider not yet settled', 'TBC', 'TBC'],
      ['2.3', 'Practice model', 'R', 'Practice model not yet chosen', '02 Mar - Visit to a council using a restorative model', 'TBC'],
      ['2.4', 'Framework for children in need', 'G', '', '31 Mar - Group managers briefed on the revised framework', ''],
      ['2.5', 'Supervision policy', 'G', '', '01 Mar - Revised policy in use', '03 Apr - Supervision audit tool issued'],
      ['2.6', 'Transfer policy', 'G', '', '09 Mar - Draft policy reviewed with managers', '01 Apr - Policy published'],
      ['2.7', 'Policies for unaccompanied asylum-seeking children', 'G', '', '31 Mar - Managers briefed on the revised workflow', '30 Apr - Compliance review begins'],
    ],
  },
  {
    number: 3,
    title: 'Commitment to Continuous Improvement',
    projects: [
      ['3.1', 'Quality assurance and case tracking', 'G', '', '06 Mar - Audits handed to the principal social worker', '10 Apr - First quarterly quality report'],
      ['3.2', 'Independent reviewing and dispute resolution', 'R', 'Group manager post vacant; work paused until appointment', '06 Mar - New group manager starts', 'TBC - Scoping sessions'],
      ['3.3', 'Performance management data', 'A', 'Scope agreed for six of eight dashboards', '02 Mar - Adoption dashboard scoped', 'TBC - Safeguarding dashboard scoped'],
    ],
  },
  {
    number: 4,
    title: 'Listen to the Voice of the Child',
    projects: [
      ['4.1', 'Regular feedback from children and families', 'A', 'Longer-term plan and its resources still to be scoped', '01 Mar - Case closure survey launched', '30 Apr - Longer-term feedback plan scoped'],
      ['4.2', 'Learning from compliments and complaints', 'A', 'Complaints officer leaving; recruitment under way', '09 Mar - New procedure in use', '27 Apr - Quarterly complaints findings reviewed'],
      ['4.3', 'Advocacy for children', 'A', 'New contract starts in July to allow a proper handover', '09 Mar - Tenders close', '18 Apr - Preferred provider named'],
      ['4.4', 'Life story work', 'A', 'Backlog being measured; training approach under review', '03 Mar - Size of the backlog known', ''],
      ['4.5', 'Children in care council', 'R', 'Scope not yet agreed', '', ''],
    ],
  },
  {
    number: 5,
    title: 'Make the Right Decisions at the Right Time',
    projects: [
      ['5.1', 'Multi-agency front door', 'R', 'Meetings set up, but no timescale or resources agreed', '10 Mar - Information-sharing protocol meeting', '30 Apr - Operational protocol drafted'],
      ['5.2', 'Child sexual exploitation', 'G', '', '14 Mar - New exploitation tracker ready', 'Apr - Tracker used across the service'],
      ['5.3', 'Children missing from home or care', 'A', 'Process to be finalised and its roll-out planned', '31 Mar - Guidance signed off', '28 Apr - New process in use'],
      ['5.4', 'Domestic abuse', 'G', '', '13 Mar - New process in use', ''],
      ['5.5', 'Private fostering', 'A', 'Waiting for the system change for joint assessments', '31 Mar - Private fostering measures on the dashboard', ''],
      ['5.6', 'Partnership locality events', 'G', '', '', '11 Apr - First locality event 20 Apr - Second locality event'],
    ],
  },
  {
    number: 6,
    title: 'Deliver Good Outcomes for Children',
    projects: [
      ['6.1', 'Edge of care strategy', 'A', 'Scope clear, but capacity to deliver on time is a risk', '31 Mar - Strategy complete', '28 Apr - Strategy launched'],
      ['6.2', 'Sufficiency and placements strategy', 'G', '', '31 Mar - Strategy complete', '07 Apr - Strategy signed off 21 Apr - Strategy launched'],
      ['6.3', 'Permanence policy', 'A', 'Plan in place; capacity to deliver on time is a risk', '31 Mar - Policy complete', '14 Apr - Policy launched'],
      ['6.4', 'Virtual school and education of children in care', 'A', 'Key appointments needed to resource the plan', '17 Mar - Electronic education plans live', '28 Apr - Attendance monitoring in use'],
      ['6.5', 'Care leavers and pathway planning', 'G', '', '31 Mar - Pathway planning live 31 Mar - Care leavers strategy complete', '14 Apr - Strategy launched'],
      ['6.6', 'Health assessments for children in care', 'G', '', '15 Mar - Coordinator interviews', '28 Apr - Coordinator in post'],
      ['6.7', 'Adoption and special guardianship policies', 'G', '', '03 Mar - All policies reviewed and published', ''],
      ['6.8', 'Kinship care', 'A', 'Capacity to deliver on time is a risk', '08 Mar - Changes published 31 Mar - Changes briefed to the directorate', ''],
      ['6.9', 'Corporate parenting strategy', 'G', '', '01 Mar - Working group set up 31 Mar - Strategy complete', '06 Apr - Strategy to the corporate parenting board'],
    ],
  },
  {
    number: 7,
    title: 'Focus on Permanence for Our Children',
    projects: [
      ['7.1', 'Review of pre-proceedings practice', 'A', 'Depends on the private practice standards site (2.1)', '31 Mar - Good practice examples published', ''],
      ['7.2', 'Tracking cases through pre-proceedings', 'G', '', '15 Mar - Escalation process drafted 31 Mar - Case tracker launched', '14 Apr - Escalation procedure agreed'],
      ['7.3', 'Quality of evidence to court', 'G', '', '31 Mar - Training plan agreed', ''],
      ['7.4', 'Permanent court progression officer', 'G', '', '01 Mar - Post advertised 20 Mar - Interviews', ''],
      ['7.5', 'Review of voluntary accommodation', 'A', 'Audit done; next steps to be agreed', '10 Mar - Next steps agreed', ''],
    ],
  },
  {
    number: 8,
    title: 'Provide Earlier Access to Support for Children and Families',
    projects: [
      ['8.1', 'Targeted family support offer', 'G', '', '20 Mar - Offer signed off by its board', ''],
      ['8.2', 'Early help pathway across partners', 'R', 'Public health leads; high-level plan being drafted', '03 Mar - First draft plan', ''],
      ['8.3', 'Whole-system workforce development', 'A', 'Service specification being written', '01 Mar - Community social workers free of caseloads', '14 Apr - Online toolkit started'],
      ['8.4', 'Early help directory online', 'A', 'Interim site built; its content is a concern', '10 Mar - Interim site live 21 Mar - Content drafted', ''],
    ],
  },
];

const FILL: Record<'G' | 'A' | 'R', string> = { G: 'FF00B050', A: 'FFFFC000', R: 'FFFF0000' };
/** The REF after which the printed sheet breaks its page and repeats its header (as seed 000's does). */
const PAGE_BREAKS = new Set(['3.3', '6.8']);

/** The RAG summary sheet, as seed 000 lays it out. */
export async function writeSip(file: string, created: Date): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Haverleigh County Council Children’s Social Care';
  wb.created = created;
  wb.modified = created;
  const ws = wb.addWorksheet('SIP Summary');
  ws.columns = [8, 40, 6, 40, 44, 44].map((width) => ({ width }));
  ws.addRow(['Children’s Social Care Service Improvement Plan']).font = { bold: true, size: 14 };
  ws.addRow([]);
  const header = (): void => {
    const top = ws.addRow(['REF', 'WORKSTREAM DETAIL', 'RAG', 'COMMENTARY', 'NEXT KEY MILESTONES', null]);
    ws.mergeCells(top.number, 5, top.number, 6);
    const months = ws.addRow([null, null, null, null, 'March', 'April']);
    for (const r of [top, months]) r.font = { bold: true };
  };
  header();
  for (const w of SIP_WORKSTREAMS) {
    const head = ws.addRow([`${w.number} ${w.title}`]);
    head.font = { bold: true };
    ws.mergeCells(head.number, 1, head.number, 6);
    for (const [ref, title, rag, commentary, march, april] of w.projects) {
      const row = ws.addRow([ref, title, rag, commentary || null, march || null, april || null]);
      row.alignment = { wrapText: true, vertical: 'top' };
      row.getCell(3).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL[rag] } };
      if (PAGE_BREAKS.has(ref)) {
        ws.addRow([]);
        header();
      }
    }
  }
  ws.addRow([]);
  ws.addRow(['Accurate when produced on 24/02/2017']);
  await wb.xlsx.writeFile(file);
}
