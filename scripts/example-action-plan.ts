/**
 * The Cabinet action plan example's data (examples/cabinet-action-plan/): an inspection action plan in the
 * shape of seed 001 — 12 inspection recommendations answered by about 80 action lines, grouped under the
 * plan's outcomes (section rows "Key business outcome: …"), each action numbered within its group (1.01,
 * 1.02 …), an action's number written on its first line only and left blank on the lines under it (as
 * seed 001 writes an action of several lines: here, consecutive lines with the same summary and the same
 * officer responsible), the
 * recommendation named on the first line it applies to ("Inspection recommendation 3: …") and left blank
 * under it, the header repeated under each section row, deadlines written the ways that plan writes them
 * ("February 2018", "Completed", "Completed September 2017", "In progress", "Ongoing", "TBC - pending
 * above", "October2017", "Depended upon above", "First phase August 2017", "Phase One Completed Refresher
 * Training September 2017"), and progress that says an action is done ("Complete. The panel agreed …",
 * "… on 21 Sept Completed"). The council, people and wording are invented; the structure follows the seed.
 */

/** The 12 recommendations of the (invented) inspection, July 2017. */
export const INSPECTION_RECOMMENDATIONS: [number, string][] = [
  [1, 'Make sure that every child and family who needs early help gets good help quickly, and that partners understand and deliver the early help strategy together.'],
  [2, 'Bring social workers’ and reviewing officers’ workloads down to the levels the council has set, so that they can give children a consistently good service.'],
  [3, 'Complete the move to the new case recording system so that accurate information is available to every member of staff and used to improve practice.'],
  [4, 'Make sure there are enough good placements of the right kinds to give children looked after stable homes that meet their needs.'],
  [5, 'Work with the police and the youth justice service to reduce the number of young people held overnight in police custody.'],
  [6, 'Make sure care leavers learn the practical skills they need, including managing money, before they leave care.'],
  [7, 'Make pathway plans effective in supporting and challenging young people to achieve more.'],
  [8, 'Record the child’s voice consistently on case files, and offer advocacy when it is needed so that young people’s views are heard.'],
  [9, 'Shorten the time children looked after wait for help with their emotional well-being and mental health.'],
  [10, 'Strengthen assessment, planning and support when children looked after return to their families.'],
  [11, 'Make sure the corporate parenting panel scrutinises and challenges services, working with young people.'],
  [12, 'Make sure the agency decision-maker and the panel chair meet regularly to discuss the quality of the service.'],
];

/** The plan's outcomes the actions are grouped under, as its section rows name them. */
export const ACTION_OUTCOMES = [
  'Fewer children need to come into or stay in care',
  'Children are in good quality placements that deliver value for money',
  'Children’s needs do not escalate and become complicated and expensive',
  'Champion consistent and good quality practice',
];

/** One action line: [recommendation (on its first line only), summary, action, deadline, responsible, what good looks like, progress]. */
type Line = [number | '', string, string, string, string, string, string];

/** The action lines of each outcome group, in order; numbered 1.01… within the group when written. */
export const ACTION_LINES: Line[][] = [
  [
    [1, 'Strategy and plan for early help', 'Write the early help strategy and delivery plan', 'February 2018', 'Head of Early Help', 'A clear plan showing where early help ends and statutory social work begins', 'First draft shared with partners'],
    ['', 'Strategy and plan for early help', 'Agree an outcomes framework for early help that joins up with partners’ own', 'February 2018', 'Head of Early Help', 'One set of outcomes used by every partner', ''],
    ['', 'Partners’ part in early help', 'Meet head teachers about their part in early help', 'October 2017', 'Early Help Locality Manager', 'Schools know the thresholds and act early', 'Meetings booked with three head teacher forums'],
    ['', 'Partners’ part in early help', 'Agree health partners’ part in the early help offer', 'October 2017', 'Early Help Locality Manager', 'Health staff refer early and join team around the family meetings', 'Early help assessment form revised; goes live in September'],
    ['', 'Partners’ part in early help', 'Improve the quality and timeliness of early help assessments', 'October2017', 'Early Help Locality Manager', 'Nine in ten assessments completed within 30 working days', ''],
    ['', 'Partners’ part in early help', 'Explain the early help offer to services working with parents', 'October 2017', 'Head of Early Help', 'Adult services refer families for help early', ''],
    ['', 'Thresholds understood', 'Run thresholds workshops for partners', 'September 2017', 'Head of Front Door', 'Partners apply the thresholds consistently', 'Workshops planned to March launched at the partnership event on 21 Sept Completed'],
    ['', 'Thresholds understood', 'Take part in the consultation workshops with head teachers', 'TBC', 'Head of Front Door', 'Head teachers shape the thresholds guidance', ''],
    ['', 'Peer review', 'Feed the findings of the peer review of early help into the strategy', 'November 2017', 'Transformation Lead', 'The strategy answers what partners told the review', 'Review booked for 13 to 15 November'],
    ['', 'Partnership governance', 'Clarify the governance between the safeguarding board, the health and wellbeing board and the council', 'October 2017', 'Director of Children’s Services', 'Each board knows what it is responsible for', 'Memorandum of understanding drafted'],
    ['', 'Partnership governance', 'Make early help a priority of the safeguarding board', 'Completed', 'Director of Children’s Services', 'Early help in the board’s business plan', 'Complete'],
    [9, 'Emotional well-being', 'Bring commissioned mental health services into operational teams', 'March 2018', 'Head of Commissioning', 'Children wait no longer than 12 weeks for a first appointment', 'New contract live from 1 August'],
    ['', 'Emotional well-being', 'Agree a fast route to mental health support for children looked after', 'December 2017', 'Head of Commissioning', 'Children looked after seen within six weeks', 'Pathway drafted with the provider'],
    ['', 'Emotional well-being', 'Report waiting times for children looked after to the corporate parenting panel each quarter', 'Ongoing', 'Head of Commissioning', 'Members see waiting times fall', ''],
    [2, 'Workloads', 'Recruit 40 social workers through the recruitment campaign', 'March 2018', 'Head of Workforce', 'Average caseload of 15; newly qualified workers protected', 'Campaign launches in November'],
    ['', 'Workloads', 'Report caseloads by team each month', 'Ongoing', 'Performance Manager', 'Managers act on caseloads above the agreed level', 'Caseload report issued monthly since June'],
    ['', 'Workloads', 'Protect newly qualified social workers’ caseloads', 'In progress', 'Principal Social Worker', 'No newly qualified worker holds more than 12 cases', ''],
    ['', 'Workloads', 'Review reviewing officers’ caseloads and recruit where needed', 'December 2017', 'Head of Safeguarding', 'Each reviewing officer holds no more than 70 children', 'Two posts advertised'],
    ['', 'Workloads', 'Offer retention payments in teams with the highest turnover', '31/08/2017', 'Head of Workforce', 'Turnover below 15% a year', 'Proposal awaiting approval'],
    ['', 'Workloads', 'Introduce exit interviews for every social worker who leaves', 'Completed September 2017', 'Head of Workforce', 'Reasons for leaving known and acted on', 'Complete'],
    ['', 'Workloads', 'Agree a caseload weighting tool with team managers', 'January 2018', 'Head of Safeguarding', 'Complex cases counted fairly', ''],
    ['', 'Workloads', 'Publish a career pathway for social workers', 'November 2017', 'Head of Workforce', 'Experienced workers see a future here', 'Draft with trade unions'],
  ],
  [
    [6, 'Independence skills', 'Run independence skills courses for young people in care', 'March 2018', 'Head of Children in Care', 'Care leavers manage their money and tenancy', 'First course held in August; take-up low'],
    ['', 'Independence skills', 'Agree with foster carers how they teach independence skills', 'December 2017', 'Fostering Manager', 'Every young person aged 16 has an independence plan', ''],
    ['', 'Independence skills', 'Set up an accommodation working group for care leavers', 'Completed', 'Head of Children in Care', 'A range of suitable homes for care leavers', 'Group meets monthly'],
    [7, 'Pathway plans', 'Review the pathway plan form so that plans are specific and led by young people', 'December 2017', 'Head of Children in Care', 'Plans set out what the young person wants and how to get there', 'Young people involved in redesign'],
    ['', 'Pathway plans', 'Audit twenty pathway plans each quarter', 'Ongoing', 'Head of Quality Assurance', 'Eight in ten plans judged good', ''],
    ['', 'Pathway plans', 'Train personal advisers in the new pathway plan', 'TBC - pending above', 'Principal Social Worker', 'Every adviser trained', ''],
    [4, 'Placement sufficiency', 'Appoint a recruitment officer for foster carers', 'December 2017', 'Fostering Manager', 'Twenty new fostering households a year', 'Team manager appointed on 1 September'],
    ['', 'Placement sufficiency', 'Update the sufficiency strategy', 'November 2017', 'Head of Commissioning', 'Enough placements of each kind, forecast three years ahead', 'Needs analysis under way'],
    ['', 'Placement sufficiency', 'Track every enquiry from prospective foster carers', 'October 2017', 'Fostering Manager', 'Enquiries followed up within two working days', ''],
    ['', 'Placement sufficiency', 'Reduce the number of children placed more than 20 miles from home', 'March 2018', 'Head of Children in Care', 'Fewer than one in five placed at a distance', ''],
    ['', 'Placement stability', 'Hold a stability meeting whenever a placement is at risk', 'In progress', 'Head of Children in Care', 'Fewer than one child in ten has three or more placements in a year', 'Meetings piloted in two teams'],
    ['', 'Placement stability', 'Offer foster carers therapeutic support', 'January 2018', 'Fostering Manager', 'Carers feel supported and placements last', ''],
    ['', 'Placement stability', 'Match children to placements with a matching panel', 'In progress', 'Head of Children in Care', 'Every planned placement matched', 'Panel meets weekly'],
    [11, 'Corporate parenting', 'Put the revised arrangements for the corporate parenting panel in place', 'Completed', 'Head of Children in Care', 'The panel challenges services and knows the children it looks after', 'Complete'],
    ['', 'Corporate parenting', 'Invite the children in care council to every panel meeting', 'Ongoing', 'Participation Lead', 'Young people set part of every agenda', ''],
    ['', 'Corporate parenting', 'Give panel members a performance report each quarter', 'October 2017', 'Performance Manager', 'Members question the figures', 'Complete. The panel agreed its data needs at its September meeting; it has still to say what it needs from the virtual school.'],
  ],
  [
    [10, 'Returning home', 'Try the ‘Going Home’ assessment tools', 'October 2017', 'Head of Safeguarding', 'Children return home only when it is safe, with support', 'Work started with the practice leads'],
    ['', 'Returning home', 'Write practice guidance on children returning home', 'December 2017', 'Principal Social Worker', 'Social workers plan returns home well', ''],
    ['', 'Returning home', 'Review the support offered after a child returns home', 'January 2018', 'Head of Early Help', 'Fewer children come back into care', ''],
    ['', 'Returning home', 'Audit the cases of children who returned home in the last year', 'November 2017', 'Head of Quality Assurance', 'Lessons learned and shared', ''],
    [8, 'Child’s voice', 'Use tablets and apps to record children’s views', 'March 2018', 'Head of Safeguarding', 'Children’s words recorded in their own voice', 'Apps being tested with two teams'],
    ['', 'Child’s voice', 'Add a ‘seen alone’ field to visit records', 'Linked to actions 4.27 and 4.28', 'Systems Manager', 'Recorded on every visit', ''],
    ['', 'Child’s voice', 'Commission an advocacy service for children in care and care leavers', 'February 2018', 'Head of Commissioning', 'Every child who wants an advocate has one', 'Tender documents drafted'],
    ['', 'Child’s voice', 'Tell every child in care how to get an advocate', 'Ongoing', 'Participation Lead', 'Children know their rights', ''],
    ['', 'Child’s voice', 'Survey children after each review', 'In progress', 'Participation Lead', 'Two hundred responses a quarter', 'Survey tool chosen'],
    ['', 'Child’s voice', 'Report what children say to the leadership team each quarter', 'December 2017', 'Participation Lead', 'Leaders act on children’s views', ''],
  ],
  [
    [3, 'Case recording system', 'Refine the recording workflows and train staff in them', 'October 2017', 'Systems Manager', 'Staff record once, in the right place', 'Workshop held; new workflows being drawn'],
    ['', 'Case recording system', 'Move the adoption and fostering records onto the new system', 'December 2017', 'Systems Manager', 'All children’s records in one system', ''],
    ['', 'Case recording system', 'Build the management reports from the new system', 'January 2018', 'Performance Manager', 'Managers trust the figures', 'Twelve of twenty reports built'],
    ['', 'Case recording system', 'Check data quality each month', 'Ongoing', 'Performance Manager', 'Fewer than one record in fifty needs correcting', ''],
    ['', 'Case recording system', 'Train managers in using performance information', 'November 2017', 'Principal Social Worker', 'Managers use data in supervision', ''],
    ['', 'Case recording system', 'Close down the old recording system', 'Depended upon above', 'Systems Manager', 'One system, no double recording', ''],
    [5, 'Custody overnight', 'Review with the police the arrangements for young people held overnight', 'First phase August 2017', 'Head of Youth Justice', 'Young people are not kept overnight in custody when it can be avoided', 'Data recording reviewed'],
    ['', 'Custody overnight', 'Train the emergency duty team and the police in the custody protocol', 'December 2017', 'Head of Youth Justice', 'Every officer knows the protocol', ''],
    ['', 'Custody overnight', 'Find two emergency beds for young people who would otherwise stay in custody', 'February 2018', 'Head of Commissioning', 'A bed available every night', ''],
    ['', 'Custody overnight', 'Report every overnight stay to the youth justice board', 'Ongoing', 'Head of Youth Justice', 'Each stay reviewed within five working days', ''],
    [12, 'Adoption panel', 'Set up quarterly meetings between the agency decision-maker and the panel chair', 'Completed', 'Head of Adoption', 'Meetings held and minuted', 'Complete'],
    ['', 'Adoption panel', 'Send the panel chair’s report to the agency decision-maker twice a year', 'March 2018', 'Head of Adoption', 'Quality issues raised and answered', ''],
    ['', 'Adoption panel', 'Review the panel’s membership', 'TBC', 'Head of Adoption', 'A panel with the right mix of experience', ''],
    [8, 'Supervision and oversight', 'Audit supervision records each quarter', 'Ongoing', 'Head of Quality Assurance', 'Supervision is regular and reflective', 'First audit done in July'],
    ['', 'Supervision and oversight', 'Refresh the supervision policy', 'Completed', 'Principal Social Worker', 'One policy, known by all', 'Completed Will need to check the policy is followed'],
    ['', 'Supervision and oversight', 'Train team managers in reflective supervision', 'November 2017', 'Principal Social Worker', 'Every manager trained', 'Two of four cohorts trained'],
    ['', 'Practice standards', 'Publish the practice standards', 'Completed', 'Principal Social Worker', 'Social workers know what good looks like', 'Complete'],
    ['', 'Practice standards', 'Audit assessments against the practice standards', 'December 2017', 'Head of Quality Assurance', 'Eight in ten assessments adequate or better', 'Audit tool revised'],
    ['', 'Practice standards', 'Hold practice weeks for managers to observe practice', 'January 2018', 'Principal Social Worker', 'Leaders see practice first hand', ''],
    ['', 'Practice standards', 'Introduce a practice model across all teams', 'March 2018', 'Director of Children’s Services', 'One way of working with families', 'Model chosen'],
    ['', 'Learning and development', 'Set up a social work academy for newly qualified staff', 'February 2018', 'Head of Workforce', 'Newly qualified workers stay and progress', ''],
    ['', 'Learning and development', 'Offer every social worker a development plan', 'Ongoing (dependent on the academy)', 'Head of Workforce', 'Each worker has a plan agreed in supervision', ''],
    ['', 'Learning and development', 'Run refresher training on chronologies', 'Phase One Completed Refresher Training September 2017', 'Principal Social Worker', 'Chronologies kept up to date', 'Complete for three teams'],
    ['', 'Learning and development', 'Run training on writing plans that are specific and measurable', 'November 2017', 'Principal Social Worker', 'Plans children and families understand', ''],
    ['', 'Quality assurance', 'Agree a quality assurance framework with partners', 'December 2017', 'Head of Quality Assurance', 'One framework for the partnership', 'Draft with the safeguarding board'],
    ['', 'Quality assurance', 'Report audit findings to the leadership team each month', 'Ongoing', 'Head of Quality Assurance', 'Findings lead to action', ''],
    ['', 'Quality assurance', 'Learn from complaints and share the lessons each quarter', 'In progress', 'Complaints Manager', 'Fewer complaints about the same thing', ''],
    ['', 'Quality assurance', 'Check that audit actions are completed', 'October 2017', 'Head of Quality Assurance', 'Nine in ten audit actions completed on time', ''],
    ['', 'Quality assurance', 'Invite families to give feedback on every audited case', 'February 2018', 'Head of Quality Assurance', 'Families’ views part of every audit', ''],
    ['', 'Quality assurance', 'Publish a quarterly practice newsletter', 'Ongoing', 'Principal Social Worker', 'Good practice shared', 'First issue in July'],
    ['', 'Quality assurance', 'Hold a learning review of cases that stepped up to child protection', '30/06/2017', 'Head of Quality Assurance', 'Patterns understood and acted on', 'Terms of reference agreed'],
    ['', 'Quality assurance', 'Report the plan’s progress to the corporate board each quarter', 'October 2017', 'Transformation Lead', 'Leaders see progress and act on slippage', 'First report on 18 October'],
  ],
];
