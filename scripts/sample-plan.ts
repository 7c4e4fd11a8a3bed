/**
 * The invented improvement plan behind the sample data (Haverleigh County Council, children's
 * services). Names, projects and wording are invented; the shape follows the public papers the
 * product is modelled on: 8 workstreams, about 45 projects, milestones for the next two months.
 */
export type Rag = 'R' | 'A' | 'G';

export interface SampleProject {
  title: string;
  lead: string;
  rag: Rag;
  commentary?: string;
  march?: string;
  april?: string;
}

export interface SampleWorkstream {
  title: string;
  projects: SampleProject[];
}

export const PLAN_TITLE = "Children's Services Improvement Plan – RAG summary";

export const WORKSTREAMS: SampleWorkstream[] = [
  {
    title: 'Grow and Support Our Workforce',
    projects: [
      { title: 'Social Work Workforce Plan', lead: 'Priya Sandhu', rag: 'G', march: '08 Mar - Workforce plan presented to all team managers', april: '12 Apr - Plan published on the staff intranet' },
      { title: 'Recruitment Campaign for Experienced Social Workers', lead: 'Priya Sandhu', rag: 'G', march: '14 Mar - Campaign microsite ready for review 24 Mar - Open evening for applicants at County Hall', april: '07 Apr - First offers made from the campaign' },
      { title: 'Service Structure Redesign', lead: 'Tom Ellery', rag: 'A', commentary: 'Timetable depends on the outcome of staff consultation, which closes later than planned', march: '03 Mar - Consultation with staff and unions opens', april: '21 Apr - Consultation response published' },
      { title: 'Pay and Grading Review for Social Workers', lead: 'Priya Sandhu', rag: 'G', march: '31 Mar - Phase one pay alignment implemented', april: '28 Apr - Phase two options paper to Workforce Board' },
      { title: 'Practice Academy and Career Pathway', lead: 'Megan Hartley', rag: 'A', commentary: 'Scope agreed; funding for the second cohort not yet confirmed', march: '17 Mar - Academy prospectus drafted', april: '10 Apr - Second cohort funding decision' },
      { title: 'Team Manager Development Programme', lead: 'Megan Hartley', rag: 'G', march: '09 Mar - Module two delivered to team managers' },
      { title: 'Workforce Data and Reporting', lead: 'Daniel Okafor', rag: 'G', march: '30 Mar - Monthly workforce dashboard live', april: '27 Apr - Dashboard reviewed by Workforce Board' },
    ],
  },
  {
    title: 'Raise the Standard of Practice',
    projects: [
      { title: 'Practice Standards Refresh', lead: 'Ruth Cavanagh', rag: 'G', march: '06 Mar - Revised standards issued to all practitioners', april: '18 Apr - Compliance spot-check of ten cases' },
      { title: 'Quality of Assessments', lead: 'Imran Qureshi', rag: 'A', commentary: 'Audit shows improvement but analysis in assessments remains variable', march: '20 Mar - Assessment workshop for locality teams', april: '24 Apr - Re-audit of 30 assessments' },
      { title: 'Practice Model Implementation', lead: 'Imran Qureshi', rag: 'R', commentary: 'No agreed scope yet; training provider not appointed', march: '15 Mar - Options paper on practice model to leadership team' },
      { title: 'Children in Need Framework', lead: 'Ruth Cavanagh', rag: 'G', march: '22 Mar - Framework signed off by Improvement Board' },
      { title: 'Supervision Policy', lead: 'Helen Marsh', rag: 'G', march: '01 Mar - Policy launched with recording template', april: '26 Apr - First supervision audit' },
      { title: 'Case Transfer Protocol', lead: 'Ruth Cavanagh', rag: 'A', commentary: 'Draft protocol agreed in principle; system changes needed before launch', march: '29 Mar - System change request raised', april: '19 Apr - Protocol go-live' },
      { title: 'Unaccompanied Asylum-Seeking Children Procedures', lead: 'Gareth Pryce', rag: 'G', march: '13 Mar - Procedures uploaded to the online manual' },
    ],
  },
  {
    title: 'Learn and Improve Continuously',
    projects: [
      { title: 'Quality Assurance Framework and Case Audit', lead: 'Helen Marsh', rag: 'A', commentary: 'Audit cycle running; findings not yet feeding back into team plans', march: '16 Mar - Thematic audit on neglect completed', april: '20 Apr - Learning summary to all teams' },
      { title: 'Independent Reviewing and Dispute Resolution', lead: 'Sian Doyle', rag: 'R', commentary: 'Service manager post vacant; work paused until appointment', march: '06 Mar - Interim service manager starts', april: 'TBC - Scoping session with reviewing officers' },
      { title: 'Performance Information Fit for Purpose', lead: 'Daniel Okafor', rag: 'G', march: '31 Mar - Scorecard of 20 measures agreed', april: '28 Apr - Scorecard reported to Improvement Board' },
      { title: 'Learning from Serious Case Reviews', lead: 'Sian Doyle', rag: 'G', april: '11 Apr - Practice learning event for partners' },
    ],
  },
  {
    title: 'Hear the Voice of the Child',
    projects: [
      { title: 'Regular Feedback from Children and Families', lead: 'Marcus Bell', rag: 'A', commentary: 'Survey tool chosen; data protection review outstanding', march: '10 Mar - Data protection impact assessment submitted', april: '03 Apr - First survey issued' },
      { title: 'Learning from Compliments and Complaints', lead: 'Marcus Bell', rag: 'G', march: '27 Mar - Quarterly complaints learning report' },
      { title: 'Advocacy and Participation', lead: 'Nadia Rahman', rag: 'G', march: '18 Mar - Children in Care Council meets leadership team', april: '29 Apr - Participation strategy refreshed' },
      { title: 'Life Story Work', lead: 'Owen Fletcher', rag: 'A', commentary: 'Training delivered; backlog of life story books remains high', march: '24 Mar - Backlog plan agreed', april: '28 Apr - Twenty books completed' },
      { title: 'Engagement with Young People in Service Design', lead: 'Nadia Rahman', rag: 'G', april: '14 Apr - Young inspectors visit two teams' },
    ],
  },
  {
    title: 'Right Help at the Right Time',
    projects: [
      { title: 'Multi-Agency Front Door and Thresholds', lead: 'Gareth Pryce', rag: 'A', commentary: 'Thresholds guidance agreed; partners not yet applying it consistently', march: '07 Mar - Threshold briefing for schools 28 Mar - Front door dip sample', april: '25 Apr - Partnership review of referrals' },
      { title: 'Child Sexual Exploitation: Information Sharing and Risk', lead: 'Sian Doyle', rag: 'G', march: '21 Mar - Risk assessment tool revised' },
      { title: 'Children Missing from Home or Care', lead: 'Sian Doyle', rag: 'G', march: '14 Mar - Return interview process audited', april: '11 Apr - Missing protocol reissued' },
      { title: 'Domestic Abuse: Joint Decision-Making', lead: 'Gareth Pryce', rag: 'A', commentary: 'Daily risk meeting established; health attendance inconsistent', march: '23 Mar - Review of meeting attendance' },
      { title: 'Private Fostering', lead: 'Owen Fletcher', rag: 'R', commentary: 'Awareness campaign not started; no identified lead in partner agencies', march: '31 Mar - Campaign plan drafted' },
      { title: 'Locality Partnership Events', lead: 'Tom Ellery', rag: 'G', april: '05 Apr - Event in the northern district 26 Apr - Event in the southern district' },
    ],
  },
  {
    title: 'Better Outcomes for Children in Care',
    projects: [
      { title: 'Edge of Care Service', lead: 'Helen Marsh', rag: 'A', commentary: 'Scope and plan in place; capacity to deliver on time is a risk', march: '31 Mar - Edge of care offer agreed', april: '28 Apr - New referral route launched' },
      { title: 'Sufficiency and Placements Strategy', lead: 'Daniel Okafor', rag: 'G', march: '29 Mar - Strategy completed', april: '12 Apr - Strategy signed off by Cabinet Member' },
      { title: 'Permanence Policy', lead: 'Ruth Cavanagh', rag: 'A', commentary: 'Policy drafted; tracking of permanence plans needs system change', march: '31 Mar - Final policy agreed', april: '13 Apr - Tracking report specified' },
      { title: 'Virtual School and Educational Outcomes', lead: 'Megan Hartley', rag: 'A', commentary: 'Two key posts vacant in the virtual school', march: '02 Mar - Electronic education plan training completed 17 Mar - Electronic education plans go live', april: '27 Apr - Attendance monitoring rolled out' },
      { title: 'Care Leavers and Pathway Planning', lead: 'Nadia Rahman', rag: 'G', march: '31 Mar - Care leavers offer published', april: '14 Apr - Pathway plan template launched' },
      { title: 'Health Assessments for Children in Care', lead: 'Imran Qureshi', rag: 'G', march: '15 Mar - Health assessment co-ordinator appointed', april: '28 Apr - Backlog of assessments cleared' },
      { title: 'Kinship Care', lead: 'Owen Fletcher', rag: 'A', commentary: 'Process changes agreed; capacity to deliver in time is limited', march: '08 Mar - Revised kinship process published' },
      { title: 'Corporate Parenting Strategy and Pledge', lead: 'Marcus Bell', rag: 'G', march: '01 Mar - Working group with councillors formed', april: '06 Apr - Strategy to Corporate Parenting Board' },
    ],
  },
  {
    title: 'Permanence Without Delay',
    projects: [
      { title: 'Pre-Proceedings Practice Review', lead: 'Tom Ellery', rag: 'A', commentary: 'Depends on the practice standards refresh (2.1)', march: '31 Mar - Best practice examples published' },
      { title: 'Case Progression Tracking', lead: 'Tom Ellery', rag: 'G', march: '15 Mar - Escalation procedure drafted', april: '14 Apr - Procedure agreed with legal services' },
      { title: 'Quality of Court Statements', lead: 'Helen Marsh', rag: 'G', march: '31 Mar - Training plan agreed with learning team' },
      { title: 'Court Progression Officer Appointment', lead: 'Tom Ellery', rag: 'G', march: '01 Mar - Post advertised 20 Mar - Interviews held' },
      { title: 'Review of Voluntary Accommodation', lead: 'Ruth Cavanagh', rag: 'R', commentary: 'Audit completed but no agreed plan for the children identified', march: '10 Mar - Scoping meeting on next steps' },
    ],
  },
  {
    title: 'Early Help for Families',
    projects: [
      { title: 'Targeted Family Support Offer', lead: 'Megan Hartley', rag: 'G', march: '20 Mar - Offer signed off by the Family Support Board' },
      { title: 'Early Help Pathways Across Partners', lead: 'Gareth Pryce', rag: 'A', commentary: 'Public health leading; high-level plan being drafted', march: '03 Mar - Draft plan shared with partners' },
      { title: 'Whole-System Workforce Development', lead: 'Nadia Rahman', rag: 'A', commentary: 'Service specification for multi-agency training in development', march: '31 Mar - Two community social worker posts filled', april: '14 Apr - Online toolkit development begins' },
      { title: 'Online Family Information Directory', lead: 'Daniel Okafor', rag: 'A', commentary: 'Interim site live; content for all topics not yet complete', march: '10 Mar - Interim site launched 21 Mar - Topic content signed off' },
    ],
  },
];

export interface SampleKpi {
  id: string;
  name: string;
  unit: '%' | 'number' | 'days' | 'rate per 10,000';
  polarity: 'higher' | 'lower' | 'band' | 'none';
  target?: number;
  /** For a band measure: the range that is good. */
  band?: [number, number];
  /** Give the latest month a base this small (a "small numbers" measure). */
  smallBase?: number;
  /** Write this suppression code instead of the figure for these months (`YYYY-MM`). */
  suppressed?: Record<string, string>;
  /** Value in the first month and in the last (Feb 2017); months between move from one to the other. */
  start: number;
  end: number;
  /** Size of month-to-month wobble. */
  noise: number;
  decimals: number;
}

export const KPIS: SampleKpi[] = [
  { id: 'WF01', name: 'Average caseload per social worker', unit: 'number', polarity: 'lower', target: 18, start: 24.1, end: 19.6, noise: 0.8, decimals: 1 },
  { id: 'WF02', name: 'Social workers permanently appointed', unit: '%', polarity: 'higher', target: 85, start: 71.0, end: 79.4, noise: 1.5, decimals: 1 },
  { id: 'WF03', name: 'Social worker turnover (rolling 12 months)', unit: '%', polarity: 'lower', target: 15, start: 22.4, end: 17.8, noise: 0.9, decimals: 1 },
  { id: 'WF04', name: 'Agency social workers', unit: '%', polarity: 'lower', target: 15, start: 26.0, end: 21.5, noise: 1.2, decimals: 1 },
  { id: 'PR01', name: 'Assessments completed within 45 working days', unit: '%', polarity: 'higher', target: 85, start: 68.2, end: 86.2, noise: 2.5, decimals: 1 },
  { id: 'PR02', name: 'Re-referrals within 12 months', unit: '%', polarity: 'lower', target: 22, start: 27.9, end: 23.1, noise: 1.4, decimals: 1 },
  { id: 'CP01', name: 'Initial child protection conferences within 15 working days', unit: '%', polarity: 'higher', target: 85, start: 63.0, end: 81.0, noise: 4.0, decimals: 1 },
  { id: 'CP02', name: 'Child protection reviews held in timescale', unit: '%', polarity: 'higher', target: 95, start: 88.0, end: 96.3, noise: 1.8, decimals: 1 },
  { id: 'CP03', name: 'Child protection plans that are a second or subsequent plan', unit: '%', polarity: 'lower', target: 20, start: 24.6, end: 21.2, noise: 2.0, decimals: 1 },
  { id: 'CN01', name: 'Children in need seen within timescale', unit: '%', polarity: 'higher', target: 90, start: 74.0, end: 84.5, noise: 2.2, decimals: 1 },
  { id: 'LA01', name: 'Looked-after children seen within timescale', unit: '%', polarity: 'higher', target: 95, start: 86.0, end: 93.1, noise: 1.6, decimals: 1 },
  { id: 'LA02', name: 'Looked-after children reviews held in timescale', unit: '%', polarity: 'higher', target: 95, start: 91.0, end: 97.2, noise: 1.2, decimals: 1 },
  { id: 'LA03', name: 'Children looked after, rate per 10,000 children', unit: 'rate per 10,000', polarity: 'none', start: 58.3, end: 61.9, noise: 0.4, decimals: 1 },
  { id: 'LA04', name: 'Looked-after children with 3 or more placements in 12 months', unit: '%', polarity: 'lower', target: 10, start: 12.8, end: 10.4, noise: 0.6, decimals: 1 },
  { id: 'LA05', name: 'Looked-after children placed more than 20 miles from home', unit: '%', polarity: 'lower', target: 15, start: 19.5, end: 18.2, noise: 0.7, decimals: 1 },
  { id: 'LA06', name: 'Health assessments completed in timescale', unit: '%', polarity: 'higher', target: 90, start: 61.0, end: 78.0, noise: 3.5, decimals: 1 },
  { id: 'CL01', name: 'Care leavers in suitable accommodation', unit: '%', polarity: 'higher', target: 90, start: 82.0, end: 88.6, noise: 1.5, decimals: 1 },
  { id: 'PM01', name: 'Care proceedings completed within 26 weeks', unit: '%', polarity: 'higher', target: 70, start: 48.0, end: 63.0, noise: 5.0, decimals: 1 },
  { id: 'PM02', name: 'Average days from entering care to placement with adopters', unit: 'days', polarity: 'lower', target: 426, start: 512, end: 468, noise: 18, decimals: 0 },
  { id: 'QA01', name: 'Case audits rated adequate or better', unit: '%', polarity: 'higher', target: 80, start: 52.0, end: 69.0, noise: 4.0, decimals: 1 },
  { id: 'QA02', name: 'Stage one complaints received', unit: 'number', polarity: 'none', start: 31, end: 24, noise: 4, decimals: 0 },
  { id: 'CP04', name: 'Children subject to a child protection plan, rate per 10,000 children', unit: 'rate per 10,000', polarity: 'band', band: [38, 46], start: 52.4, end: 47.1, noise: 0.8, decimals: 1 },
  { id: 'PM03', name: 'Children leaving care who were adopted', unit: '%', polarity: 'higher', target: 20, start: 14.0, end: 25.0, noise: 3, decimals: 1, smallBase: 4 },
  { id: 'LA07', name: 'Looked-after children missing education for 10 days or more', unit: '%', polarity: 'lower', target: 5, start: 7.2, end: 5.9, noise: 0.5, decimals: 1, suppressed: { '2017-02': 'c' } },
];

/** Twelve months, March 2016 to February 2017. */
/** February 2016 to February 2017: a year of months, and the same month a year before (long-term direction of travel). */
export const PERIODS = Array.from({ length: 13 }, (_, i) => {
  const m = ((1 + i) % 12) + 1;
  const y = 2016 + (1 + i >= 12 ? 1 : 0);
  return `${y}-${String(m).padStart(2, '0')}`;
});

/** Recommendations of the (invented) inspection, December 2016. */
export const RECOMMENDATIONS: string[] = [
  'Make sure councillors and senior leaders meet their statutory duties to children by improving every part of the service.',
  'Put the workforce plan into effect quickly so that the social work workforce is stable and has enough capacity.',
  'Make sure staff and partners understand and apply the thresholds for help consistently, including for early help.',
  'Hear children: see them, and see them alone, take their views into account and help them shape their plans.',
  'Make sure management information about children at risk of exploitation or going missing is accurate and used.',
  'Review every child accommodated under voluntary arrangements to make sure the arrangement is right for them.',
  'Satisfy itself that the cases recently closed after review were closed appropriately and in the children’s interests.',
  'Improve the quality of assessments and plans, including plans for permanence, with robust reviews and oversight.',
  'Make sure strategy discussions involve all relevant agencies and keep children safe while enquiries are made.',
  'Make health assessments for children looked after timely, so that their needs are understood and met.',
  'Respond well to privately fostered children: complete carers’ assessments and visit children on time.',
  'Make sure every care leaver can get the range of support and services they need.',
  // Added after the plan was drawn up, from the Safeguarding Children Board's review: no action or
  // outcome answers it yet, which the outcomes appendix's coverage check reports.
  'Agree with partners how the impact of early help will be measured and reported to the Board.',
];

export interface SampleAction {
  rec: number;
  no: string;
  summary: string;
  action: string;
  /** The deadline as officers write it (text), or a real date cell (Date). */
  deadline: string | Date;
  responsible: string;
  good: string;
  progress: string;
  status: 'R' | 'A' | 'G' | 'B' | '';
}

export const ACTIONS: SampleAction[] = [
  { rec: 1, no: '1.01', summary: 'Leadership', action: 'Refresh the Improvement Board with cross-party membership', deadline: 'Completed', responsible: 'Chief Executive', good: 'Board meets monthly with members from all groups', progress: 'Board met in new form in February', status: 'B' },
  { rec: 1, no: '1.02', summary: 'Leadership', action: 'Agree a scrutiny programme for the improvement plan', deadline: 'March 2017', responsible: 'Head of Democratic Services', good: 'Panel receives a quarterly update', progress: 'Programme drafted', status: 'G' },
  { rec: 2, no: '2.01', summary: 'Workforce', action: 'Launch the recruitment campaign for experienced social workers', deadline: new Date(Date.UTC(2017, 3, 10)), responsible: 'Head of Workforce', good: 'Fewer than 15% agency social workers', progress: 'Microsite in development', status: 'G' },
  { rec: 2, no: '2.02', summary: 'Workforce', action: 'Implement phase one of the pay review', deadline: '31/03/2017', responsible: 'Head of Workforce', good: 'Pay aligned for all frontline posts', progress: 'Proposals agreed', status: 'A' },
  { rec: 3, no: '3.01', summary: 'Thresholds', action: 'Brief every school on the thresholds guidance', deadline: 'October2017', responsible: 'Head of Front Door', good: 'Referrals meeting threshold rise above 80%', progress: 'Six of twelve briefings held', status: 'A' },
  { rec: 3, no: '3.02', summary: 'Thresholds', action: 'Dip-sample front door decisions each month', deadline: 'Ongoing', responsible: 'Head of Front Door', good: 'Decisions consistent in nine cases in ten', progress: 'First dip sample completed', status: 'G' },
  { rec: 4, no: '4.01', summary: "Child's voice", action: 'Add a "seen alone" field to visit recording', deadline: 'In progress', responsible: 'Systems Manager', good: 'Recorded on every visit', progress: 'Change request raised', status: 'A' },
  { rec: 4, no: '4.02', summary: "Child's voice", action: 'Survey children and families after every assessment', deadline: 'TBC', responsible: 'Participation Lead', good: 'Two hundred responses a quarter', progress: 'Survey tool chosen', status: 'A' },
  { rec: 5, no: '5.01', summary: 'Exploitation', action: 'Reconcile exploitation and missing data with the police monthly', deadline: '09 Jan 2017', responsible: 'Performance Manager', good: 'Lists agree every month', progress: 'Not started', status: 'R' },
  { rec: 6, no: '6.01', summary: 'Section 20', action: 'Review every child accommodated under voluntary arrangements', deadline: 'February 2017', responsible: 'Head of Safeguarding', good: 'Each child has the right legal status', progress: 'Audit of under-tens completed', status: 'R' },
  { rec: 7, no: '7.01', summary: 'Closed cases', action: 'Re-review the cohort of closed children in need cases', deadline: 'March 2017', responsible: 'Head of Quality Assurance', good: 'Every case reviewed and re-opened where needed', progress: 'Over 100 cases re-reviewed', status: 'G' },
  { rec: 8, no: '8.01', summary: 'Assessments', action: 'Re-audit assessments against the practice standards', deadline: 'April 2017', responsible: 'Head of Quality Assurance', good: 'Eight in ten rated adequate or better', progress: 'Audit tool revised', status: 'A' },
  { rec: 8, no: '8.02', summary: 'Assessments', action: 'Train managers in plan oversight', deadline: 'Depended upon above', responsible: 'Principal Social Worker', good: 'Oversight recorded on every plan', progress: 'Awaiting audit findings', status: '' },
  { rec: 9, no: '9.01', summary: 'Strategy discussions', action: 'Agree attendance standards for strategy discussions with health and schools', deadline: '28 February 2017', responsible: 'Head of Safeguarding', good: 'Health present at nine in ten discussions', progress: 'Standards drafted', status: 'A' },
  { rec: 10, no: '10.01', summary: 'Health assessments', action: 'Appoint a health assessment co-ordinator', deadline: 'March 2017', responsible: 'Head of Children in Care', good: 'Nine in ten assessments in time', progress: 'Interviews set for 15 March', status: 'G' },
  { rec: 11, no: '11.01', summary: 'Private fostering', action: 'Run an awareness campaign on private fostering', deadline: 'June 2017', responsible: 'Head of Fostering', good: 'Notifications double', progress: 'Plan drafted', status: 'R' },
  { rec: 12, no: '12.01', summary: 'Care leavers', action: 'Publish the local offer for care leavers', deadline: '31/03/2017', responsible: 'Head of Care Leavers Service', good: 'Every care leaver knows the offer', progress: 'Offer drafted with young people', status: 'G' },
];

/** Outcomes: title, measures (KPI IDs), recommendation numbers. */
export const OUTCOMES: { title: string; measures: string[]; recs: number[] }[] = [
  { title: 'A stable, skilled workforce with manageable caseloads', measures: ['WF01', 'WF02', 'WF03', 'WF04'], recs: [2] },
  { title: 'Good practice standards, with assessments completed well and on time', measures: ['PR01', 'QA01'], recs: [4, 7, 8] },
  { title: 'Quality assurance that challenges and improves practice', measures: ['CP02', 'LA02', 'CN01'], recs: [5, 8] },
  { title: 'Children and families are heard and their feedback changes services', measures: ['QA02'], recs: [4] },
  { title: 'The right help at the right time, with thresholds applied consistently', measures: ['PR02', 'CP01', 'CP03', 'CP04'], recs: [3, 9, 11] },
  { title: 'Children in care have good plans, stable placements and support into adulthood', measures: ['LA01', 'LA03', 'LA04', 'LA05', 'LA06', 'LA07', 'CL01'], recs: [1, 10, 12] },
  { title: 'Children in care proceedings reach permanence without delay', measures: ['PM01', 'PM02', 'PM03'], recs: [6] },
  { title: 'Families get early help that prevents the need for statutory services', measures: ['PR02'], recs: [3] },
];
