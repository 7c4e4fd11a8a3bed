/**
 * The plans-on-a-page example's data (examples/plans-on-a-page/): a service business plan kept as one
 * "plan on a page" per sheet, in the shape of seed 003 — a title and a lead above, a legend of four
 * coloured states, then "Child Outcome | Project | Milestone (RAG) - 21/01/20 | Measure", each project
 * merged down over its milestone rows, each milestone's state only the fill of its cell, and milestones
 * that end on their month ("By Nov 19", "Apr 21 – Oct 22"). The council, people and wording are invented;
 * the structure follows the seed.
 */
import type { Status } from '../src/model/index.js';

/** A milestone row: its text (ending on its month) and the state its cell is filled with. */
export type PageMilestone = [text: string, state: Exclude<Status, 'grey' | 'none'>];

export interface PageProject {
  outcome: string;
  project: string;
  milestones: PageMilestone[];
  measure: string;
}

export interface PagePlan {
  /** The tab's name. */
  sheet: string;
  /** The title row above the table (names the workstream). */
  title: string;
  lead: string;
  /** Where the legend is: above the table (a swatch beside each label), or one row under it. */
  legend: 'above' | 'below';
  /** The colour a "Completed" milestone is filled with, when the plan's legend says it is not the default blue. */
  completedColour?: string;
  projects: PageProject[];
}

/** The colours the plans use for each state (Excel's standard colours), and the legend's labels. */
export const STATE_COLOURS: Record<PageMilestone[1], string> = { green: '00B050', amber: 'FFC000', red: 'FF0000', blue: '00B0F0' };
export const STATE_LABELS: Record<PageMilestone[1], string> = {
  green: 'On track/No Issues',
  amber: 'Possibility of Missing Deadlines/Minor Issues',
  red: 'Missed Deadline/Major Issues',
  blue: 'Completed',
};

/** The date the plans were last updated (the milestone column's header). */
export const EXTRACT_DATE = '2020-01-21';

export const PLANS: PagePlan[] = [
  {
    sheet: 'Quality Assurance',
    title: 'Safeguarding Quality Assurance',
    lead: 'Lead: Head of Quality Assurance',
    legend: 'above',
    projects: [
      {
        outcome: 'If you are a child in our care, you can stay in one home for as long as you need to.',
        project: 'Learning from placements that end unplanned (Inspection project)',
        milestones: [
          ['Working group of reviewing officers, fostering and placement staff set up By Nov 19', 'blue'],
          ['Disruption meeting guidance agreed and published By Dec 19', 'blue'],
          ['Every unplanned ending followed by a disruption meeting within 20 days By Mar 20', 'green'],
        ],
        measure: 'Disruption meetings held within 20 working days',
      },
      {
        outcome: 'We want to know whether our work makes a difference to you feeling happy, healthy and safe.',
        project: 'Are we making a difference? Measuring outcomes for children',
        milestones: [
          ['Outcome measures agreed with early help and social care teams By Oct 19', 'blue'],
          ['Outcome measures built into the case recording system By Jan 20', 'red'],
          ['First quarterly report on outcomes to the leadership team By Apr 20', 'amber'],
        ],
        measure: 'Children whose outcome scores improve between assessment and closure',
      },
      {
        outcome: 'You have the right plan at the right time, and your plan moves forward.',
        project: 'Better plans, and disputes resolved quickly',
        milestones: [
          ['Dispute resolution dashboard built By Dec 19', 'blue'],
          ['Reviewing officers raise every dispute through the new process By Feb 20', 'green'],
        ],
        measure: 'Disputes resolved within 20 working days',
      },
      {
        outcome: 'You and your parents understand your meetings and plans, and we know what you think.',
        project: 'Hearing from families about conferences and reviews',
        milestones: [
          ['Feedback form for children and parents launched By Sep 19', 'blue'],
          ['Feedback reported each quarter to the quality assurance board By Jan 20', 'amber'],
        ],
        measure: 'Families who say they understood their plan',
      },
      {
        outcome: 'Every child and family gets a good service that makes a positive difference.',
        project: 'Practice managers development programme (Innovation project)',
        milestones: [
          ['Cohort of team managers and advanced practitioners starts the programme By Oct 19', 'blue'],
          ['Programme evaluated and findings shared Apr 20 – Oct 20', 'green'],
        ],
        measure: 'Audits graded good or better',
      },
    ],
  },
  {
    sheet: 'Front Door',
    title: 'Family Front Door and Partnerships',
    lead: 'Lead: Head of Family Front Door',
    legend: 'below',
    completedColour: '7030A0', // this plan's legend shows "Completed" in purple
    projects: [
      {
        outcome: 'When you need help, you get the right help quickly.',
        project: 'Multi-agency screening of contacts',
        milestones: [
          ['Police and health staff join the screening team By Sep 19', 'blue'],
          ['Screening decisions audited each month By Dec 19', 'green'],
          ['Nine in ten contacts decided within one working day By Mar 20', 'green'],
        ],
        measure: 'Contacts decided within one working day',
      },
      {
        outcome: 'When you need help, you get the right help quickly.',
        project: 'Thresholds refreshed with partners',
        milestones: [
          ['Thresholds document revised with the safeguarding partnership By Nov 19', 'red'],
          ['Thresholds workshops for schools and health Jan 20 – Mar 20', 'amber'],
        ],
        measure: 'Contacts from partners that lead to a referral',
      },
      {
        outcome: 'If you are at risk outside your home, we act together to keep you safe.',
        project: 'Exploitation and missing children panel',
        milestones: [
          ['Panel terms of reference agreed By Oct 19', 'blue'],
          ['Return home interviews offered within 72 hours By Feb 20', 'amber'],
          ['Exploitation screening tool used by all teams By May 20', 'green'],
        ],
        measure: 'Return home interviews held within 72 hours',
      },
      {
        outcome: 'If you are at risk outside your home, we act together to keep you safe.',
        project: 'Domestic abuse pathway',
        milestones: [['Domestic abuse pathway launched with the police By Dec 19', 'blue']],
        measure: 'Repeat referrals for domestic abuse',
      },
    ],
  },
  {
    sheet: 'Through Care',
    title: 'Through Care: Looked After Children and Care Leavers',
    lead: 'Lead: Head of Through Care',
    legend: 'above',
    projects: [
      {
        outcome: 'You have a personal adviser before you are 16 and a half.',
        project: 'Earlier transfer to the leaving care team',
        milestones: [
          ['Transfer process overseen by the through care group manager By Dec 19', 'blue'],
          ['Roles of outreach and residential workers reviewed By Jan 20', 'red'],
          ['Changes explained to managers, staff and young people By Mar 20', 'amber'],
          ['Case recording system shows who each young person’s main worker is', 'green'],
        ],
        measure: 'Young people with a personal adviser by 16 and a half',
      },
      {
        outcome: 'You are in education, training or work.',
        project: 'Education, training and employment for care leavers',
        milestones: [
          ['Apprenticeships ring-fenced for care leavers By Nov 19', 'blue'],
          ['Work experience offered by every council directorate By Jun 20', 'green'],
        ],
        measure: 'Care leavers in education, employment or training',
      },
      {
        outcome: 'You live somewhere safe and suitable.',
        project: 'Suitable accommodation for care leavers',
        milestones: [
          ['Supported lodgings scheme extended By Jan 20', 'amber'],
          ['Housing protocol agreed with the district councils By Mar 20', 'green'],
        ],
        measure: 'Care leavers in suitable accommodation',
      },
    ],
  },
];
