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
  polarity: 'higher' | 'lower' | 'none';
  target?: number;
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
];

/** Twelve months, March 2016 to February 2017. */
export const PERIODS = Array.from({ length: 12 }, (_, i) => {
  const m = ((2 + i) % 12) + 1;
  const y = 2016 + (2 + i >= 12 ? 1 : 0);
  return `${y}-${String(m).padStart(2, '0')}`;
});
