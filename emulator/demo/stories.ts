/**
 * The seed article's stories as tickets, and its three reception days (接待日). Dates are those of 2021;
 * the history maps them into a shifted window when asked. After the submission every wait is relative
 * (working days, minutes, or counted from a due time), so a story keeps to the rules in any year.
 */
import type { Category, Channel, TicketFlag, Urgency } from '../../types/domain'
import type { Step } from './ticket-script'

/** A 2021 date and a Shanghai clock time. */
export type StoryMoment = readonly [day: string, hour: number, minute: number]

export interface StoryTicket {
  key: string
  /** how it stands at the end of the history (see history.ts FATE_COUNTS) */
  fate: 'solvedCoordination' | 'solvedTimed'
  enterprise: string
  channel: Channel
  category: Category
  title: string
  description: string
  urgency?: Urgency
  flags?: TicketFlag[]
  submitted: StoryMoment
  steps: Step[]
}

/** 千企技改 projects are listed by the autonomous region, so its department joins the city's. */
const THOUSAND_UPGRADES_REASON = '"千企技改"工程项目由自治区工信厅审定，需会同申报'

export const STORY_TICKETS: readonly StoryTicket[] = [
  {
    // seed: "桂林华信制药仿制药一次性评价评审速度得以加快…特派员及时向自治区药监局和国家药监局反映"
    key: 'story-huaxin-evaluation',
    fate: 'solvedCoordination',
    enterprise: 'huaxin',
    channel: 'proxy',
    category: 'approval',
    flags: ['upstream', 'national'],
    title: '仿制药一致性评价评审进度慢，请求协调加快',
    description:
      '公司多个仿制药品种已提交质量和疗效一致性评价申请，评审排队时间长，影响产品参加集中带量采购。公司已向驻企特派员反映，请求协调自治区药监局和国家药监局加快评审。',
    submitted: ['2021-04-12', 10, 20],
    steps: [
      { wait: { workingDays: 0, at: [14, 5] }, event: { type: 'accept' } },
      {
        wait: { minutes: [60, 90] },
        event: {
          type: 'dispatch',
          units: ['market-regulation', 'region-drug-admin'],
          reason: '仿制药评审属药品监管事项，需自治区药监局向国家药监局协调',
        },
      },
      { wait: { workingDays: 1, at: [9, 10] }, event: { type: 'sign' } },
      {
        wait: { workingDays: 3, at: [11, 0] },
        leader: 'deputy-secretary',
        event: {
          type: 'instruct',
          text: '请特派员团队会同自治区药监局，积极向国家药监局反映企业诉求，争取开通绿色通道。',
        },
      },
      {
        wait: { fromDue: 'replyDueAt', workingDays: -1, at: [10, 0] },
        event: { type: 'requestExtension', days: 10, reason: '需国家药监局药品审评中心排期，办理周期较长' },
      },
      { wait: { minutes: [60, 120] }, event: { type: 'approveExtension' } },
      {
        wait: { fromDue: 'replyDueAt', workingDays: -1, at: [16, 0] },
        event: {
          type: 'reply',
          outcome: 'solved',
          text: '特派员团队将企业诉求报自治区药监局，由自治区药监局向国家药监局反映，相关品种已开通绿色通道，评审速度明显加快。',
        },
      },
      {
        wait: { workingDays: 1, at: [9, 30] },
        event: { type: 'rate', rating: 'satisfied', comment: '特派员跑前跑后，非常感谢！' },
      },
    ],
  },
  {
    // seed: "今年8月，一家企业通过'惠企通'APP平台向桂林市重点办反映了外地职工随迁子女入学难的问题…向市政府汇报…协调教育及城区相关部门解决"
    key: 'story-schooling-august',
    fate: 'solvedCoordination',
    enterprise: 'fuda',
    channel: 'app',
    category: 'schooling',
    title: '外地职工随迁子女入学难',
    description:
      '公司今年新引进外地技术工人较多，有23名随迁子女需在临桂城区就读，片区公办学校学位紧张，秋季学期开学在即，请求协调解决。',
    submitted: ['2021-08-09', 20, 41],
    steps: [
      { wait: { workingDays: 1, at: [8, 50] }, event: { type: 'accept', note: '涉及学位统筹，已报市政府' } },
      {
        wait: { minutes: [300, 420] },
        leader: 'vice-mayor-education',
        event: {
          type: 'instruct',
          text: '市重点办报告收悉。请市教育局会同临桂区统筹调配学位，确保秋季学期开学前落实。',
        },
      },
      {
        wait: { workingDays: 1, at: [9, 0] },
        event: { type: 'dispatch', units: ['education', 'county-lingui'], reason: '学位统筹需会同临桂区办理' },
      },
      { wait: { minutes: [40, 90] }, event: { type: 'sign' } },
      {
        wait: { workingDays: 12, at: [16, 30] },
        event: {
          type: 'reply',
          outcome: 'solved',
          text: '市教育局会同临桂区统筹调配学位，23名随迁子女已全部安排在临桂城区公办学校就读。',
        },
      },
      { wait: { workingDays: 1, at: [9, 5] }, event: { type: 'rate', rating: 'satisfied' } },
    ],
  },
  {
    // seed: "用地专班为兴安(玉环)汽车部件产业园项目争取用地指标，现已落实该项目一期、二期用地共约1342亩"
    key: 'story-xingan-land',
    fate: 'solvedCoordination',
    enterprise: 'yuhuan',
    channel: 'proxy',
    category: 'land',
    flags: ['upstream'],
    title: '兴安(玉环)汽车部件产业园项目用地指标不足',
    description:
      '产业园一期、二期规划用地约1342亩，用地指标缺口较大，影响入园企业落地建设，请求用地专班协调争取自治区用地指标。',
    submitted: ['2021-05-17', 10, 0],
    steps: [
      { wait: { workingDays: 0, at: [15, 0] }, event: { type: 'accept' } },
      {
        wait: { minutes: [40, 80] },
        event: {
          type: 'dispatch',
          units: ['natural-resources', 'region-natural-resources', 'county-xingan'],
          reason: '用地指标需争取自治区支持，并会同兴安县推进',
        },
      },
      { wait: { workingDays: 1, at: [9, 0] }, event: { type: 'sign' } },
      {
        wait: { workingDays: 2, at: [10, 0] },
        leader: 'vice-mayor-land',
        event: { type: 'instruct', text: '请用地专班牵头，逐级向自治区自然资源厅争取，分期落实产业园用地指标。' },
      },
      {
        wait: { fromDue: 'replyDueAt', workingDays: -2, at: [15, 0] },
        event: { type: 'requestExtension', days: 10, reason: '用地指标需报自治区审批，办理周期较长' },
      },
      { wait: { minutes: [90, 150] }, event: { type: 'approveExtension' } },
      {
        wait: { fromDue: 'replyDueAt', workingDays: -1, at: [16, 0] },
        event: {
          type: 'reply',
          outcome: 'solved',
          text: '经用地专班协调并争取自治区支持，产业园一期、二期用地指标已落实，共约1342亩。',
        },
      },
      { wait: { workingDays: 1, at: [10, 0] }, event: { type: 'rate', rating: 'satisfied' } },
    ],
  },
  {
    // seed: "要素专班争取到用电负荷和产能，降低因限电对企业造成的生产影响，使得平钢公司现有生产线可满负荷生产"
    key: 'story-pinggang-power',
    fate: 'solvedCoordination',
    enterprise: 'pinggang',
    channel: 'app',
    category: 'factors',
    urgency: 'urgent',
    flags: ['upstream'],
    title: '有序用电导致生产线无法满负荷生产',
    description:
      '受有序用电影响，公司可用电力负荷大幅下降，部分生产线被迫停产，请求要素专班协调争取用电负荷和产能指标。',
    submitted: ['2021-09-24', 9, 5],
    steps: [
      { wait: { workingDays: 0, at: [9, 40] }, event: { type: 'accept' } },
      {
        wait: { minutes: [30, 40] },
        event: {
          type: 'dispatch',
          units: ['industry-it', 'power-supply', 'region-development-reform'],
          reason: '用电负荷需供电部门配合，并向自治区发展改革委争取',
        },
      },
      { wait: { minutes: [40, 60] }, event: { type: 'sign' } },
      {
        wait: { workingDays: 1, at: [10, 0] },
        leader: 'vice-mayor-industry',
        event: { type: 'instruct', text: '请要素保障专班专题研究，积极向自治区争取用电负荷，全力保障重点企业生产。' },
      },
      {
        wait: { fromDue: 'replyDueAt', workingDays: -5, at: [17, 0] },
        event: {
          type: 'reply',
          outcome: 'solved',
          text: '要素专班向自治区争取到用电负荷和产能指标，平钢公司现有生产线已恢复满负荷生产。',
        },
      },
      { wait: { workingDays: 1, at: [9, 0] }, event: { type: 'rate', rating: 'satisfied' } },
    ],
  },
  {
    // seed: "完成龙胜、恭城、资源列入自治区'千企技改'工程项目总计5项，如吉福思年加工2亿枚罗汉果加工厂扩建项目…"
    key: 'story-jifusi-upgrade',
    fate: 'solvedCoordination',
    enterprise: 'jifusi',
    channel: 'proxy',
    category: 'policy',
    flags: ['upstream'],
    title: '罗汉果加工厂扩建项目申报自治区"千企技改"工程',
    description: '公司年加工2亿枚罗汉果加工厂扩建项目已开工建设，希望列入自治区"千企技改"工程项目，享受技改支持政策。',
    submitted: ['2021-06-07', 10, 30],
    steps: [
      { wait: { workingDays: 0, at: [14, 0] }, event: { type: 'accept' } },
      {
        wait: { minutes: [40, 80] },
        event: { type: 'dispatch', units: ['industry-it', 'region-industry-it'], reason: THOUSAND_UPGRADES_REASON },
      },
      { wait: { workingDays: 1, at: [9, 30] }, event: { type: 'sign' } },
      {
        wait: { fromDue: 'replyDueAt', workingDays: -2, at: [15, 0] },
        event: {
          type: 'reply',
          outcome: 'solved',
          text: '经市工信局指导申报并与自治区工信厅沟通衔接，该项目已列入自治区"千企技改"工程项目。',
        },
      },
      { wait: { workingDays: 1, at: [10, 0] }, event: { type: 'rate', rating: 'satisfied' } },
    ],
  },
  {
    key: 'story-huayu-upgrade',
    fate: 'solvedCoordination',
    enterprise: 'huayu',
    channel: 'proxy',
    category: 'policy',
    flags: ['upstream'],
    title: '技改项目申报自治区"千企技改"工程',
    description: '公司生产线自动化技术改造项目已完成备案，希望列入自治区"千企技改"工程项目。',
    submitted: ['2021-06-15', 10, 0],
    steps: [
      { wait: { workingDays: 0, at: [15, 20] }, event: { type: 'accept' } },
      {
        wait: { minutes: [30, 60] },
        event: { type: 'dispatch', units: ['industry-it', 'region-industry-it'], reason: THOUSAND_UPGRADES_REASON },
      },
      { wait: { workingDays: 1, at: [10, 0] }, event: { type: 'sign' } },
      {
        wait: { fromDue: 'replyDueAt', workingDays: -3, at: [16, 0] },
        event: {
          type: 'reply',
          outcome: 'solved',
          text: '经指导完善申报材料，恭城华宇木业技改项目已列入自治区"千企技改"工程项目。',
        },
      },
      { wait: { workingDays: 1, at: [9, 40] }, event: { type: 'rate', rating: 'satisfied' } },
    ],
  },
  {
    key: 'story-huasheng-formwork',
    fate: 'solvedCoordination',
    enterprise: 'huasheng-wood',
    channel: 'app',
    category: 'policy',
    flags: ['upstream'],
    title: '高档覆膜建筑模板加工扩建项目申报"千企技改"',
    description: '公司高档覆膜建筑模板加工扩建项目计划年内投产，希望列入自治区"千企技改"工程项目并争取技改资金支持。',
    submitted: ['2021-06-21', 9, 0],
    steps: [
      { wait: { workingDays: 0, at: [11, 0] }, event: { type: 'accept' } },
      {
        wait: { minutes: [30, 60] },
        event: { type: 'dispatch', units: ['industry-it', 'region-industry-it'], reason: THOUSAND_UPGRADES_REASON },
      },
      { wait: { workingDays: 1, at: [9, 0] }, event: { type: 'sign' } },
      {
        wait: { fromDue: 'replyDueAt', workingDays: -2, at: [15, 30] },
        event: {
          type: 'reply',
          outcome: 'solved',
          text: '高档覆膜建筑模板加工扩建项目已列入自治区"千企技改"工程项目，技改资金申报已完成。',
        },
      },
      { wait: { workingDays: 1, at: [10, 0] }, event: { type: 'rate', rating: 'satisfied' } },
    ],
  },
  {
    // seed: "制定《桂林市标准厂房分割登记细则(试行)》"
    key: 'story-standard-factory',
    fate: 'solvedCoordination',
    enterprise: 'huarui-optoelectronics',
    channel: 'proxy',
    category: 'land',
    title: '购置的标准厂房无法分割办理不动产权证',
    description: '公司购置园区标准厂房一层，因本市尚无标准厂房分割登记规定，无法办理不动产权证，影响以厂房抵押融资。',
    submitted: ['2021-08-16', 10, 0],
    steps: [
      { wait: { workingDays: 0, at: [14, 30] }, event: { type: 'accept' } },
      {
        wait: { minutes: [30, 60] },
        event: {
          type: 'dispatch',
          units: ['natural-resources', 'housing-construction'],
          reason: '分割登记涉及房屋测绘和不动产登记，需会同住建部门',
        },
      },
      { wait: { workingDays: 1, at: [9, 20] }, event: { type: 'sign' } },
      {
        wait: { fromDue: 'replyDueAt', workingDays: -3, at: [10, 0] },
        event: { type: 'requestExtension', days: 10, reason: '需研究制定标准厂房分割登记细则' },
      },
      { wait: { minutes: [120, 240] }, event: { type: 'approveExtension' } },
      {
        wait: { fromDue: 'replyDueAt', workingDays: -1, at: [11, 0] },
        event: {
          type: 'reply',
          outcome: 'solved',
          text: '《桂林市标准厂房分割登记细则(试行)》已印发实施，公司已按细则办理分割登记并取得不动产权证。',
        },
      },
      { wait: { workingDays: 1, at: [9, 0] }, event: { type: 'rate', rating: 'satisfied' } },
    ],
  },
  {
    // seed: "将桂林市列入工业项目改革'标准地'试点"
    key: 'story-standard-land',
    fate: 'solvedTimed',
    enterprise: 'hongtuo',
    channel: 'app',
    category: 'land',
    title: '新建项目希望按"标准地"方式供地',
    description: '公司拟在经开区新建智能装备生产线，希望按"标准地"方式出让土地，尽快拿地开工。',
    submitted: ['2021-06-01', 9, 30],
    steps: [
      { wait: { workingDays: 0, at: [11, 0] }, event: { type: 'accept' } },
      { wait: { minutes: [120, 180] }, event: { type: 'dispatch', units: ['natural-resources'] } },
      { wait: { workingDays: 1, at: [9, 0] }, event: { type: 'sign' } },
      {
        wait: { fromDue: 'replyDueAt', workingDays: -1, at: [16, 0] },
        event: {
          type: 'reply',
          outcome: 'solved',
          text: '我市已列入自治区工业项目"标准地"改革试点，公司项目用地已按"标准地"方式挂牌出让。',
        },
      },
      { wait: { workingDays: 1, at: [10, 0] }, event: { type: 'rate', rating: 'satisfied' } },
    ],
  },
]

/** One problem raised at a reception day. */
export interface ReceptionProblem {
  enterprise: string
  category: Category
  title: string
  description: string
  /**
   * true: coordinated and solved at the table (track onsite, the category's lead unit);
   * false: a commitment the chair gives, tracked as a reception-track ticket to its reply
   */
  solvedOnSite: boolean
  /** tracked commitments: the units the office dispatches to, lead first */
  units?: string[]
  /** tracked commitments: `major` puts them on the reception track (R-TRACK-RECEPTION-MAJOR) */
  flags?: TicketFlag[]
  resolution: string
  /** tracked commitments: reply this many working days before the due (default drawn) */
  replyWorkingDaysBeforeDue?: number
}

export interface ReceptionSession {
  /** 2021 date of the session */
  day: string
  problems: readonly ReceptionProblem[]
}

const MAJOR: TicketFlag[] = ['major']

/**
 * seed: "今年以来已举办3期活动，书记、市长与11家企业的负责人面对面交流沟通，为燕京漓泉等11家企业现场协调
 * 解决29个问题"; the third session is the one where 鸿程's high-voltage towers came up.
 */
export const RECEPTION_SESSIONS: readonly ReceptionSession[] = [
  {
    day: '2021-03-26',
    problems: [
      {
        enterprise: 'liquan',
        category: 'labor',
        title: '旺季前需招聘生产及物流人员约200名',
        description: '啤酒销售旺季即将到来，公司需新增生产、物流季节性用工约200人，近年招工难度逐年加大。',
        solvedOnSite: false,
        units: ['hrss', 'county-qixing'],
        flags: MAJOR,
        resolution: '市人社局会同七星区举办燕京漓泉专场招聘会3场，并对接劳务协作地区，已招录季节性用工213人。',
      },
      {
        enterprise: 'liquan',
        category: 'infrastructure',
        title: '厂区周边道路货车限行影响原料运输',
        description: '厂区周边道路实行货车限行，原料及成品运输车辆通行时段受限，影响旺季生产调度。',
        solvedOnSite: false,
        units: ['housing-construction', 'county-qixing'],
        flags: MAJOR,
        resolution: '经协调交警部门，已为公司原料及成品运输车辆办理通行证，并优化周边道路限行时段。',
      },
      {
        enterprise: 'liquan',
        category: 'factors',
        title: '旺季生产用水用电保障',
        description: '旺季生产负荷上升，希望供水、供电部门提前做好保障。',
        solvedOnSite: true,
        resolution: '供电、供水企业现场承诺建立旺季保障专人对接机制，并安排线路和管网检修。',
      },
      {
        enterprise: 'liquan',
        category: 'policy',
        title: '灌装线智能化改造项目奖补资金申报',
        description: '公司灌装线智能化改造项目拟申报技改奖补资金，对申报条件有疑问。',
        solvedOnSite: true,
        resolution: '市工信局现场讲解申报条件，并安排专人指导公司完成申报。',
      },
      {
        enterprise: 'fuda',
        category: 'financing',
        title: '技改项目融资需求2亿元',
        description: '公司曲轴智能化生产线技改项目投资较大，需中长期项目贷款约2亿元。',
        solvedOnSite: false,
        units: ['finance-office', 'finance-bureau'],
        flags: MAJOR,
        resolution: '融资专班组织银企对接，两家合作银行已完成2亿元项目贷款授信。',
      },
      {
        enterprise: 'fuda',
        category: 'land',
        title: '二期厂房扩建用地规划条件调整',
        description: '二期扩建项目需调整用地规划条件，提高容积率。',
        solvedOnSite: false,
        units: ['natural-resources', 'county-lingui'],
        flags: MAJOR,
        resolution: '用地规划条件调整已完成审批，二期厂房已开工建设。',
      },
      {
        enterprise: 'sanjin',
        category: 'approval',
        title: '中药提取车间项目环评与施工许可并联审批',
        description: '新建中药提取车间项目希望环评和施工许可并联审批，缩短开工时间。',
        solvedOnSite: false,
        units: ['approval-bureau', 'ecology-environment'],
        flags: MAJOR,
        resolution: '审批专班实行并联审批，环评批复和施工许可证已核发。',
      },
      {
        enterprise: 'sanjin',
        category: 'labor',
        title: '研发高层次人才认定及人才公寓',
        description: '公司引进的博士等高层次人才希望尽快完成人才认定并落实人才公寓。',
        solvedOnSite: true,
        resolution: '市人社局现场受理高层次人才认定，并明确人才公寓配租安排。',
      },
      {
        enterprise: 'xingchen',
        category: 'financing',
        title: '科技型企业知识产权质押融资',
        description: '公司轻资产运营，希望以专利权质押获得流动资金贷款。',
        solvedOnSite: true,
        resolution: '市金融办现场对接合作银行，银行当场确定知识产权质押授信方案。',
      },
      {
        enterprise: 'xingchen',
        category: 'schooling',
        title: '引进技术骨干子女入学',
        description: '公司从外地引进的12名技术骨干，子女需在七星区就读。',
        solvedOnSite: false,
        units: ['education', 'county-qixing'],
        flags: MAJOR,
        resolution: '市教育局会同七星区落实学位，12名技术骨干子女已全部入学。',
      },
    ],
  },
  {
    day: '2021-07-16',
    problems: [
      {
        enterprise: 'bus',
        category: 'policy',
        title: '新能源客车推广应用配套补贴兑现',
        description: '公司新能源客车推广应用地方配套补贴尚未兑现，资金压力较大。',
        solvedOnSite: false,
        units: ['industry-it', 'finance-bureau'],
        flags: MAJOR,
        resolution: '市工信局会同市财政局完成审核，配套补贴已拨付到位。',
      },
      {
        enterprise: 'bus',
        category: 'financing',
        title: '应收账款回款难，流动资金紧张',
        description: '公司部分客车销售款回收周期长，流动资金紧张。',
        solvedOnSite: false,
        units: ['finance-office', 'finance-bureau'],
        flags: MAJOR,
        resolution: '融资专班协调银行开展应收账款质押融资，并督促相关采购方按合同付款，资金压力明显缓解。',
      },
      {
        enterprise: 'bus',
        category: 'labor',
        title: '焊工、装配工等技术工人缺口约60人',
        description: '公司订单增加，焊工、装配工等技术工人缺口约60人。',
        solvedOnSite: true,
        resolution: '市人社局现场安排技工院校对接，并将公司岗位纳入重点企业用工保障清单。',
      },
      {
        enterprise: 'cable',
        category: 'factors',
        title: '铜材价格上涨，申请参加电力市场化交易',
        description: '原材料价格上涨，公司希望通过参加电力市场化交易降低用电成本。',
        solvedOnSite: true,
        resolution: '供电部门现场指导公司办理电力市场化交易注册。',
      },
      {
        enterprise: 'cable',
        category: 'approval',
        title: '新厂区建设工程规划许可办理',
        description: '公司新厂区项目建设工程规划许可办理进度慢，影响开工。',
        solvedOnSite: false,
        units: ['approval-bureau', 'natural-resources'],
        flags: MAJOR,
        resolution: '建设工程规划许可证已核发，新厂区项目已开工。',
      },
      {
        enterprise: 'seamild',
        category: 'land',
        title: '燕麦产业园扩建项目新增用地约80亩',
        description: '燕麦产业园扩建项目需新增用地约80亩，缺少用地指标。',
        solvedOnSite: false,
        units: ['natural-resources', 'county-lingui'],
        flags: MAJOR,
        resolution: '用地专班协调落实用地指标，扩建项目用地已挂牌出让。',
      },
      {
        enterprise: 'seamild',
        category: 'infrastructure',
        title: '厂区雨污分流管网接入',
        description: '厂区雨污分流改造完成后，市政管网接入点尚未建设。',
        solvedOnSite: false,
        units: ['housing-construction', 'county-lingui'],
        flags: MAJOR,
        resolution: '市政管网接入工程已完工，厂区雨污分流管网已接通。',
      },
      {
        enterprise: 'seamild',
        category: 'labor',
        title: '下半年季节性用工约100人',
        description: '下半年生产旺季需季节性用工约100人。',
        solvedOnSite: true,
        resolution: '市人社局现场将公司纳入专场招聘会，并通过公共招聘平台发布岗位信息。',
      },
      {
        enterprise: 'guolong',
        category: 'labor',
        title: '一线缝纫工缺口约150人',
        description: '外贸订单回升，一线缝纫工缺口约150人。',
        solvedOnSite: true,
        resolution: '临桂区现场对接乡镇劳务服务站，组织周边农村富余劳动力到厂应聘。',
      },
      {
        enterprise: 'guolong',
        category: 'policy',
        title: '出口退税办理加快',
        description: '出口订单增加，希望加快出口退税办理。',
        solvedOnSite: true,
        resolution: '市税务局现场承诺对公司出口退税实行"即报即审"，平均办理时间压缩到3个工作日内。',
      },
    ],
  },
  {
    day: '2021-10-15',
    problems: [
      {
        // seed: "建设场地上的高压线塔影响了项目的进度,能否请市里协调迁移？…该园区内需迁移的高压线塔已全部完成迁移"
        enterprise: 'hongcheng',
        category: 'infrastructure',
        title: '产业园建设场地上的高压线塔影响项目进度',
        description: '鸿程矿山高端装备智能制造产业园项目建设场地上有高压线塔，影响项目建设进度，请求市里协调迁移。',
        solvedOnSite: false,
        units: ['power-supply', 'natural-resources', 'econ-dev-zone'],
        flags: ['major', 'projectBlocking'],
        resolution: '供电部门会同自然资源、经开区制定迁改方案并组织施工，产业园内需迁移的高压线塔已全部完成迁移。',
        replyWorkingDaysBeforeDue: 5,
      },
      {
        enterprise: 'hongcheng',
        category: 'approval',
        title: '产业园二期施工许可办理',
        description: '产业园二期厂房施工图审查已完成，希望尽快核发施工许可证。',
        solvedOnSite: true,
        resolution: '市行政审批局现场受理，施工许可证当场核发。',
      },
      {
        enterprise: 'hongcheng',
        category: 'financing',
        title: '产业园项目建设资金缺口约1.5亿元',
        description: '产业园项目建设资金缺口约1.5亿元，希望协调项目贷款。',
        solvedOnSite: false,
        units: ['finance-office', 'econ-dev-zone'],
        flags: MAJOR,
        resolution: '融资专班组织银企对接，合作银行已完成1.5亿元项目贷款授信并首笔放款。',
      },
      {
        enterprise: 'hongcheng',
        category: 'labor',
        title: '智能制造技能人才约120名',
        description: '产业园投产后需数控、焊接等技能人才约120名。',
        solvedOnSite: true,
        resolution: '市人社局现场对接技工院校，组建订单班定向培养。',
      },
      {
        enterprise: 'tianhe',
        category: 'approval',
        title: '新药注册申报协调',
        description: '公司新药注册申报需自治区药监部门指导，希望加快审评。',
        solvedOnSite: false,
        units: ['market-regulation', 'region-drug-admin'],
        flags: ['major', 'upstream'],
        resolution: '特派员团队协调自治区药监局提前介入指导，注册申报资料已受理并进入审评。',
      },
      {
        enterprise: 'tianhe',
        category: 'factors',
        title: '冬季生产用气保障',
        description: '冬季用气高峰临近，担心生产用气供应紧张。',
        solvedOnSite: true,
        resolution: '市工信局现场协调燃气企业与公司签订冬季保供协议。',
      },
      {
        enterprise: 'machine-tool',
        category: 'land',
        title: '老厂区搬迁土地收储',
        description: '公司老厂区搬迁后原址土地需收储，收储资金用于新厂区建设。',
        solvedOnSite: false,
        units: ['natural-resources', 'finance-bureau'],
        flags: MAJOR,
        resolution: '老厂区土地收储方案已批复，首期收储资金已拨付。',
      },
      {
        enterprise: 'machine-tool',
        category: 'financing',
        title: '首台(套)数控机床保险补偿申报',
        description: '公司首台(套)数控机床申请保险补偿，对申报流程不熟悉。',
        solvedOnSite: true,
        resolution: '市工信局现场明确申报流程，并指导公司完成申报。',
      },
      {
        enterprise: 'machine-tool',
        category: 'policy',
        title: '研发投入奖补兑现',
        description: '公司研发投入增长，希望兑现研发投入奖补。',
        solvedOnSite: true,
        resolution: '市科技局现场核对研发投入数据，确认符合条件，奖补资金当月兑现。',
      },
    ],
  },
]

/** Asked about things outside the mechanism's remit: rejected, and not counted (DESIGN.md §4 honest statistics). */
export const OUT_OF_SCOPE_REQUESTS: readonly {
  enterprise: string
  category: Category
  title: string
  description: string
  reason: string
}[] = [
  {
    enterprise: 'ruifeng-packaging',
    category: 'labor',
    title: '离职员工加班费争议请求调解',
    description: '一名离职员工与公司就加班费存在争议，希望政府出面调解。',
    reason: '属劳动人事争议，已告知企业向劳动人事争议仲裁委员会申请调解仲裁',
  },
  {
    enterprise: 'yangshuo-food',
    category: 'financing',
    title: '法定代表人个人住房贷款咨询',
    description: '公司法定代表人咨询个人住房贷款利率及办理流程。',
    reason: '属个人金融事务，不在企业诉求受理范围，已告知向相关银行咨询',
  },
]
