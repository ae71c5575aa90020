/**
 * What enterprises report, per category: the seed names 用工招工、融资需求、基础设施建设、子女入学 as the
 * main kinds, the task forces add land, approval and production factors. `{n}` in a text is filled
 * with one number drawn from `n`, the same in title, description and reply.
 */
import type { Category, Outcome } from '../../types/domain'

export interface ProblemTemplate {
  title: string
  description: string
  /** the handling unit's answer when it solved the problem */
  solvedReply: string
  /** range for `{n}` */
  n?: readonly [number, number]
  /** the dispatcher routes this kind elsewhere than the category default (DESIGN.md §4 "may name other units") */
  leadUnit?: string
  /**
   * the unit that usually joins when the problem needs coordination; `ENTERPRISE_COUNTY` means the
   * government of the enterprise's own district or county
   */
  coUnit?: string
}

/** Stands for "the county unit of the enterprise's district" in `coUnit`. */
export const ENTERPRISE_COUNTY = 'county'

export const PROBLEM_TEMPLATES: Readonly<Record<Category, readonly ProblemTemplate[]>> = {
  labor: [
    {
      title: '节后一线普工缺口约{n}人',
      description: '春节后员工返岗率偏低，一线生产岗位缺工约{n}人，影响订单交付，请求协助组织招聘。',
      solvedReply: '已组织专场招聘会并对接劳务协作地区输送人员，企业缺工岗位已招录到位。',
      n: [30, 200],
    },
    {
      title: '急需数控机床操作工{n}名',
      description: '新增生产线即将投产，急需持证数控机床操作工{n}名，社会招聘难度大。',
      solvedReply: '已通过技工院校订单班和公共招聘平台推荐人员，企业已完成招聘。',
      n: [8, 40],
    },
    {
      title: '以工代训补贴申报审核进度',
      description: '企业开展以工代训，补贴申报材料已提交两个多月，请求加快审核拨付。',
      solvedReply: '补贴已审核通过并拨付到企业账户。',
    },
    {
      title: '稳岗返还资金未到账',
      description: '企业符合失业保险稳岗返还条件，资金至今未到账，请协助查询。',
      solvedReply: '经核查为银行账户信息有误，已更正并完成稳岗返还资金发放。',
    },
    {
      title: '外省员工社保关系转移接续慢',
      description: '部分外省员工社保关系转入办理周期长，员工顾虑较多，影响队伍稳定。',
      solvedReply: '已开通转移接续绿色通道，相关员工社保关系均已转入。',
    },
    {
      title: '申请开展技能等级自主评价',
      description: '企业希望开展职业技能等级自主评价，需要人社部门备案和业务指导。',
      solvedReply: '已完成企业技能等级认定机构备案，首批评价已开展。',
    },
    {
      title: '研发岗位招聘高校毕业生难',
      description: '研发岗位对接本地高校毕业生的渠道不足，请求协助搭建校企合作平台。',
      solvedReply: '已组织校企对接会，企业与本地高校签订实习就业合作协议。',
    },
  ],
  financing: [
    {
      title: '{n}万元流动资金贷款到期续贷困难',
      description: '受原材料涨价影响，企业流动资金紧张，{n}万元贷款即将到期，请求协调银行办理无还本续贷。',
      solvedReply: '已协调合作银行办理无还本续贷，{n}万元资金已到位。',
      n: [500, 5000],
    },
    {
      title: '申请"桂惠贷"投放及贴息',
      description: '企业符合"桂惠贷"支持范围，申请协调银行投放并落实贴息。',
      solvedReply: '已协调银行发放"桂惠贷"，贴息已按政策落实。',
    },
    {
      title: '技改项目融资需求{n}万元',
      description: '技术改造项目设备投资较大，申请对接{n}万元中长期项目贷款。',
      solvedReply: '已组织银企对接，合作银行完成{n}万元授信审批。',
      n: [1000, 20000],
    },
    {
      title: '申请应收账款质押融资',
      description: '下游客户回款周期长，希望以应收账款质押获得融资。',
      solvedReply: '已通过应收账款融资服务平台完成融资对接，贷款已发放。',
    },
    {
      title: '申请使用转贷应急资金',
      description: '一笔贷款月底到期，企业周转困难，申请使用市转贷应急资金。',
      solvedReply: '转贷应急资金已审批并完成周转，续贷已办妥。',
      coUnit: 'finance-bureau',
    },
    {
      title: '专利权质押融资',
      description: '企业拥有多项发明专利，希望办理知识产权质押融资。',
      solvedReply: '已协调银行以专利权质押发放贷款。',
      coUnit: 'market-regulation',
    },
  ],
  infrastructure: [
    {
      title: '厂区进出道路破损，货车通行困难',
      description: '园区道路年久失修，雨天积水，原料及成品运输车辆通行困难。',
      solvedReply: '道路破损路段已完成修复，货车通行恢复正常。',
    },
    {
      title: '园区污水管网未接通',
      description: '企业新厂房已建成，园区污水管网尚未接通，影响环保验收。',
      solvedReply: '污水管网已接通并投入使用。',
    },
    {
      title: '园区天然气管道未通达',
      description: '生产需要使用天然气，园区管网未覆盖，目前使用瓶装气成本高且存在安全隐患。',
      solvedReply: '燃气企业已完成管网延伸并通气。',
    },
    {
      title: '厂区周边缺少路灯，夜班员工出行不安全',
      description: '厂区至公交站约{n}米道路没有路灯，夜班员工出行存在安全隐患。',
      solvedReply: '路灯已安装并亮灯。',
      n: [300, 1500],
    },
    {
      title: '厂区雨季内涝',
      description: '厂区地势低洼，强降雨时厂房进水，请求对周边排水沟渠扩容。',
      solvedReply: '已完成周边排水沟渠疏浚和扩容改造，汛期未再出现内涝。',
    },
    {
      title: '员工通勤公交班次少',
      description: '园区与城区之间公交班次少，约{n}名员工上下班不便。',
      solvedReply: '公交公司已加密早晚高峰班次并增设园区站点。',
      n: [200, 1200],
    },
    {
      title: '厂区供水水压偏低',
      description: '生产高峰时段厂区供水水压不足，影响冷却系统运行。',
      solvedReply: '供水企业已完成管道扩容改造，水压达标。',
    },
  ],
  schooling: [
    {
      title: '外地职工随迁子女入学难',
      description: '企业引进的外地职工有{n}名随迁子女需在本地入学，就近学校学位紧张。',
      solvedReply: '已协调教育部门统筹学位，{n}名随迁子女均已就近入学。',
      n: [3, 40],
    },
    {
      title: '技术骨干子女转学',
      description: '新引进的技术骨干子女需办理转学，希望就近入读公办学校。',
      solvedReply: '已办理转学手续并安排就近入读。',
    },
    {
      title: '员工子女就近入读公办幼儿园',
      description: '园区周边公办幼儿园学位不足，员工子女入园难。',
      solvedReply: '已协调辖区公办幼儿园接收员工子女。',
    },
    {
      title: '高层次人才子女入学优待',
      description: '企业引进的高层次人才申请按人才政策落实子女入学。',
      solvedReply: '已按人才政策落实子女入学。',
    },
    {
      title: '员工子女入学材料认定',
      description: '部分员工子女入学需提供的居住证明、社保证明认定口径不清。',
      solvedReply: '已明确认定口径，员工子女均已完成入学登记。',
    },
  ],
  factors: [
    {
      title: '有序用电影响生产，请求增加用电负荷',
      description: '有序用电期间企业可用负荷不足，生产线无法满负荷运行，订单交付受影响。',
      solvedReply: '已优化有序用电方案，企业生产用电负荷得到保障。',
      leadUnit: 'power-supply',
      coUnit: 'industry-it',
    },
    {
      title: '申请新增用电容量{n}千伏安',
      description: '新生产线投产需新增用电容量{n}千伏安，请求加快报装。',
      solvedReply: '已完成增容报装并送电。',
      n: [630, 4000],
      leadUnit: 'power-supply',
    },
    {
      title: '工业用气价格上涨',
      description: '天然气价格上涨幅度大，企业生产成本明显上升。',
      solvedReply: '已协调燃气企业落实工业用气价格政策，用气成本下降。',
      coUnit: 'development-reform',
    },
    {
      title: '新建项目能耗指标不足',
      description: '新建生产线需落实能耗指标后方可投产。',
      solvedReply: '已协调落实项目能耗指标。',
      coUnit: 'development-reform',
    },
    {
      title: '原材料运输车辆通行受阻',
      description: '疫情防控期间原材料运输车辆进出受限，影响正常生产。',
      solvedReply: '已为企业办理重点物资运输车辆通行证。',
    },
  ],
  land: [
    {
      title: '扩建项目缺少约{n}亩用地指标',
      description: '扩建项目需新增用地约{n}亩，目前缺少用地指标。',
      solvedReply: '已协调落实用地指标，项目用地已完成出让。',
      n: [20, 150],
      coUnit: ENTERPRISE_COUNTY,
    },
    {
      title: '厂房不动产权证办理',
      description: '厂房建成多年，因历史遗留问题一直未办理不动产权证。',
      solvedReply: '已完成历史遗留问题处置，不动产权证已办结。',
      coUnit: 'housing-construction',
    },
    {
      title: '项目用地规划条件调整',
      description: '项目设计方案调整，需变更用地规划条件。',
      solvedReply: '规划条件调整已完成审批。',
    },
    {
      title: '闲置土地盘活利用',
      description: '企业有部分闲置土地，希望盘活用于新项目建设。',
      solvedReply: '已指导企业完成土地盘活方案并办理相关手续。',
    },
    {
      title: '急需租赁标准厂房约{n}平方米',
      description: '企业扩大产能，急需租赁标准厂房约{n}平方米。',
      solvedReply: '已协调园区安排标准厂房，企业已入驻。',
      n: [2000, 10000],
      coUnit: ENTERPRISE_COUNTY,
    },
  ],
  approval: [
    {
      title: '新建项目环评审批',
      description: '新建项目环评报告已编制完成，请求加快审批。',
      solvedReply: '环评批复已印发。',
      leadUnit: 'ecology-environment',
      coUnit: 'approval-bureau',
    },
    {
      title: '施工许可证办理',
      description: '项目施工图审查已完成，请求加快核发施工许可证。',
      solvedReply: '施工许可证已核发。',
      coUnit: 'housing-construction',
    },
    {
      title: '新建厂房消防验收',
      description: '新建厂房需办理消防验收，部分技术问题需要指导。',
      solvedReply: '已组织现场指导，消防验收已通过。',
      leadUnit: 'housing-construction',
    },
    {
      title: '项目备案信息变更',
      description: '项目建设内容调整，需办理备案信息变更。',
      solvedReply: '备案变更已办结。',
      coUnit: 'development-reform',
    },
    {
      title: '排污许可证延续',
      description: '排污许可证即将到期，请求指导延续申请。',
      solvedReply: '排污许可证已延续。',
      leadUnit: 'ecology-environment',
    },
  ],
  policy: [
    {
      title: '技改补助资金兑现',
      description: '企业技改项目已通过验收，申请兑现补助资金。',
      solvedReply: '补助资金已拨付。',
      coUnit: 'finance-bureau',
    },
    {
      title: '高新技术企业认定辅导',
      description: '企业拟申报高新技术企业，对申报条件和材料有疑问。',
      solvedReply: '已安排专人辅导，企业已完成高企认定申报。',
      leadUnit: 'science-technology',
    },
    {
      title: '研发费用加计扣除政策适用',
      description: '对研发费用加计扣除的适用范围和申报方式有疑问。',
      solvedReply: '税务部门已上门辅导并完成申报。',
      leadUnit: 'tax',
    },
    {
      title: '工业企业上规入统奖励',
      description: '企业今年首次纳入规模以上工业企业统计，申请兑现奖励。',
      solvedReply: '奖励资金已兑现。',
    },
    {
      title: '首台(套)装备认定申报',
      description: '企业研制的新装备拟申报首台(套)重大技术装备认定。',
      solvedReply: '已指导企业完成首台(套)申报并获认定。',
    },
  ],
  other: [
    {
      title: '厂区周边治安环境',
      description: '厂区周边夜间偷盗事件时有发生，影响企业正常经营。',
      solvedReply: '辖区派出所已加强夜间巡逻并加装监控。',
      coUnit: ENTERPRISE_COUNTY,
    },
    {
      title: '企业更名后证照变更',
      description: '企业名称变更后，多项证照需要同步变更，往返多个部门。',
      solvedReply: '已通过"一件事"集成办理完成全部证照变更。',
      leadUnit: 'approval-bureau',
    },
    {
      title: '出口报关通关便利',
      description: '出口订单增加，希望在报关通关方面得到便利。',
      solvedReply: '已协调海关落实通关便利措施。',
      leadUnit: 'commerce',
    },
  ],
}

/** Answers that did not solve the problem; the reply says why, as the office requires. */
export const UNSOLVED_REPLIES: Readonly<Record<Exclude<Outcome, 'solved'>, readonly string[]>> = {
  explained: [
    '经核实，企业目前不符合该项政策的申报条件，已当面解释政策依据，并告知条件具备后的办理途径。',
    '该事项属市场化行为，政府部门不宜直接干预，已向企业说明并提供对接渠道。',
    '经核查，相关事项已按规定办理，企业所反映情况系对政策理解有误，已解释说明。',
  ],
  planned: [
    '该事项已列入明年建设计划，资金落实后组织实施，届时将及时告知企业。',
    '已纳入园区基础设施改造计划，预计明年上半年开工。',
    '已列入下一批次计划统筹解决，期间由服务专员跟踪进展。',
  ],
  unfeasible: [
    '受国土空间规划和用地指标限制，目前暂无法解决，已向企业说明，后续有指标时优先安排。',
    '受上级政策限制，暂无法突破，已向自治区有关部门反映，持续跟踪。',
  ],
}
