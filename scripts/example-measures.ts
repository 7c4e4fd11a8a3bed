/**
 * Data for two examples: the performance report's measures (examples/performance-report/: thirteen
 * measures, seven with a DfE benchmark) and the outcomes paper's map (examples/outcomes-paper/: eight
 * outcomes, their measures in words and the fourteen inspection recommendations they answer, in the shape
 * of seed 000's last appendix). Wording invented; structures and counts follow the seeds.
 */

export interface ExampleMeasure {
  id: string;
  name: string;
  unit: 'percent' | 'number' | 'rate per 10,000';
  polarity: 'higher' | 'lower' | 'band' | 'none';
  target?: number;
  tolerance?: string;
  band?: [number, number];
  /** September 2025's value; the months before walk back from it by about `drift` a month, give or take `wobble`. */
  latest: number;
  drift: number;
  wobble: number;
}

export const MEASURES: ExampleMeasure[] = [
  { id: 'PR01', name: 'Referrals within 12 months of a previous referral', unit: 'percent', polarity: 'lower', target: 22, tolerance: '5%', latest: 24.6, drift: 0.15, wobble: 1.6 },
  { id: 'AS01', name: 'Assessments completed within 45 working days', unit: 'percent', polarity: 'higher', target: 85, tolerance: '5%', latest: 83.1, drift: 0.6, wobble: 3 },
  { id: 'CN01', name: 'Children in need seen within timescale', unit: 'percent', polarity: 'higher', target: 90, tolerance: '5%', latest: 91.4, drift: 0.4, wobble: 2 },
  { id: 'CP01', name: 'Child protection plans that are a second or later plan', unit: 'percent', polarity: 'lower', target: 18, tolerance: '10%', latest: 20.5, drift: 0.1, wobble: 2.2 },
  { id: 'CP02', name: 'Child protection visits within 10 working days', unit: 'percent', polarity: 'higher', target: 95, tolerance: '3%', latest: 93.2, drift: 0.2, wobble: 1.5 },
  { id: 'CP03', name: 'Children subject to a child protection plan, rate per 10,000 children', unit: 'rate per 10,000', polarity: 'band', tolerance: '5%', band: [38, 46], latest: 47.9, drift: 0.3, wobble: 1.2 },
  { id: 'LA01', name: 'Children looked after, rate per 10,000 children', unit: 'rate per 10,000', polarity: 'none', latest: 62.4, drift: 0.25, wobble: 0.6 },
  { id: 'LA02', name: 'Children looked after with three or more placements in the year', unit: 'percent', polarity: 'lower', target: 10, tolerance: '5%', latest: 9.1, drift: -0.1, wobble: 0.8 },
  { id: 'LA03', name: 'Reviews of children looked after held in time', unit: 'percent', polarity: 'higher', target: 95, tolerance: '3%', latest: 96.8, drift: 0.1, wobble: 1.4 },
  { id: 'CL01', name: 'Care leavers aged 19 to 21 in suitable accommodation', unit: 'percent', polarity: 'higher', target: 90, tolerance: '5%', latest: 84, drift: -0.2, wobble: 2 },
  { id: 'WF01', name: 'Social worker turnover (rolling 12 months)', unit: 'percent', polarity: 'lower', target: 15, tolerance: '5%', latest: 17.8, drift: 0.1, wobble: 0.7 },
  { id: 'WF02', name: 'Agency social workers', unit: 'percent', polarity: 'lower', target: 12, tolerance: '5%', latest: 12.4, drift: -0.3, wobble: 0.9 },
  { id: 'WF03', name: 'Average caseload per social worker', unit: 'number', polarity: 'lower', target: 18, tolerance: '5%', latest: 19.2, drift: -0.1, wobble: 0.6 },
];

/** The inspection's recommendations, as the outcomes paper lists them. */
export const SIP_RECOMMENDATIONS: [number, string][] = [
  [1, 'Make sure councillors and senior leaders meet their statutory duties to children by improving every part of children’s services.'],
  [2, 'Put the workforce strategy into effect quickly so that the workforce is stable and has enough capacity.'],
  [3, 'Make sure staff and partners understand and consistently apply the levels of need, including in early help.'],
  [4, 'Hear children: see them, and see them alone, take their views into account and help them shape their plans.'],
  [5, 'Make sure management information about children at risk of exploitation or going missing is accurate and improves practice.'],
  [6, 'Review every child accommodated under voluntary arrangements to make sure the arrangement is right in each case.'],
  [7, 'Satisfy itself that the recently reviewed children in need cases were closed appropriately and in the children’s interests.'],
  [8, 'Improve the quality of assessments and plans, including plans for permanence, with robust reviews and oversight.'],
  [9, 'Make sure strategy discussions involve every relevant agency and keep children safe while enquiries are made.'],
  [10, 'Make health assessments of children looked after timely, so that their needs are understood and met.'],
  [11, 'Make sure dental checks for children looked after happen when they should.'],
  [12, 'Respond well to privately fostered children: assess carers and visit children on time.'],
  [13, 'Make sure every care leaver has a good range of support and services.'],
  [14, 'Make performance management and quality assurance, including what complaints and training show, drive better practice.'],
];

/** Each outcome, its measures in words, and the recommendation (if any) written beside each measure's row. */
export const OUTCOMES_MAP: { number: number; title: string; measures: string[]; recommendations: (number | undefined)[] }[] = [
  {
    number: 1,
    title: 'Be an employer of choice, with the capacity, skills and working environment our workforce needs',
    measures: ['Average caseload', 'Newly qualified social workers with more than 12 cases', 'Safeguarding and care leavers teams: staff permanently appointed (%)', 'Safeguarding and care leavers teams: staff turnover (%)', 'Exit interviews completed', 'Exit interviews giving reasons within the council’s control (%)'],
    recommendations: [2],
  },
  {
    number: 2,
    title: 'Keep policies, procedures, assessment tools and practice standards up to date, so that social workers can practise well',
    measures: ['Policies reviewed in the last three years (%)', 'Social worker assessments completed', 'Social worker assessments completed within 45 working days (%)'],
    recommendations: [4, 7, 8, 9],
  },
  {
    number: 3,
    title: 'Assure the quality of assessments and plans for children through sound safeguarding quality assurance',
    measures: ['Children on a child protection plan whose plan is rated red', 'Initial child protection conferences within 15 working days (%)', 'Child protection reviews in time (%)', 'Children on a child protection plan seen in time (%)', 'Children looked after seen in time (%)', 'Children looked after reviews in time (%)', 'Children in need seen in time (%)', 'Case audits completed', 'Case audits judging practice adequate or good (%)'],
    recommendations: [4, undefined, 5, 8, undefined, undefined, 9, 14],
  },
  {
    number: 4,
    title: 'Hear from children and families about their experience, and learn from it',
    measures: ['Stage one complaints received', 'Stage one complaints made by children and young people', 'Stage one complaints that went on to stage two (%)', 'Compliments received', 'Changes made to practice because of feedback'],
    recommendations: [4, undefined, 14],
  },
  {
    number: 5,
    title: 'Apply the agreed thresholds consistently, so that children get the right help at the right time, with information shared well',
    measures: ['Strategy discussions with health taking part (%)', 'Strategy discussions with school taking part, children aged 4 to 17 (%)', 'Referrals within 12 months of a previous referral (%)', 'Children on a child protection plan for a second or later time'],
    recommendations: [3, 9, 12],
  },
  {
    number: 6,
    title: 'Give children in care good plans and placements, timely permanence and good preparation for adult life',
    measures: ['Children looked after placed more than 20 miles from home, outside the county', 'Children looked after placed more than 20 miles from home, outside the county (%)', 'Average days from entering care to being placed with adopters', 'Children looked after whose care plan is rated red', 'Children looked after with three or more placements in 12 months (%)', 'Children looked after not in education, employment or training (%)', 'Care leavers not in education, employment or training', 'Children looked after with a care plan by their 28th day (%)', 'Children looked after aged 16 and over with a pathway plan (%)'],
    recommendations: [1, undefined, undefined, 8, undefined, 10, 11, 13],
  },
  {
    number: 7,
    title: 'Give children in care proceedings a good, timely service so that they reach permanence without delay',
    measures: ['Care proceedings completed in the month', 'Care proceedings completed within 26 weeks (%)', 'Applications for a final order made in the month'],
    recommendations: [6],
  },
  {
    number: 8,
    title: 'Give children and families timely access to good early help that prevents the need for specialist services',
    measures: ['Cases stepped down to early help from social care', 'Cases stepped up to social care from early help', 'Children assessed again at the front door within 12 months (%)'],
    recommendations: [3],
  },
];
