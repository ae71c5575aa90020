/**
 * The demo's enterprises: the 70 key industrial enterprises of the 2021 plan (seed: "选取了70家贡献大、
 * 效益好、成长性高的重点工业企业") and ten ordinary ones. The article's enterprises come first; the rest
 * are public Guilin names or invented but plausible ones. Locations and industries are for the demo,
 * not a statement about any real company.
 */

export interface EnterpriseRow {
  /** stable part of ids: enterprise `ent-<slug>`, contact `demo-ent-<slug>`, team `team-<slug>` */
  slug: string;
  name: string;
  /** what people call it, used in team names and labels */
  short: string;
  district: string;
  park?: string;
  industry: string;
  isKey: boolean;
  /** key enterprises: 牵头服务部门 of the 四个一 arrangement */
  leadUnit?: string;
  /** a key project the enterprise builds; its commissioner is stationed at the project */
  project?: string;
  /** the unit that sends its commissioner, where the story says who (e.g. 药监 for 华信) */
  commissionerFrom?: string;
}

const HIGH_TECH = '桂林国家高新区';
const ECON_DEV = '桂林经开区';
const XICHENG = '西城经济开发区';
const HIGH_SPEED_RAIL = '高铁(桂林)广西园';
const YUHUAN_PARK = '兴安(玉环)汽车部件产业园';
const SUQIAO = '苏桥园区';

export const ENTERPRISE_ROWS: readonly EnterpriseRow[] = [
  // named in the seed article
  { slug: 'liquan', name: '燕京啤酒(桂林漓泉)股份有限公司', short: '燕京漓泉', district: '七星区', park: HIGH_TECH, industry: '酒、饮料和精制茶制造业', isKey: true, leadUnit: 'industry-it' },
  { slug: 'hongcheng', name: '桂林鸿程矿山设备制造有限责任公司', short: '鸿程矿山', district: '雁山区', park: ECON_DEV, industry: '专用设备制造业', isKey: true, leadUnit: 'econ-dev-zone', project: '鸿程矿山高端装备智能制造产业园' },
  { slug: 'huaxin', name: '桂林华信制药有限公司', short: '华信制药', district: '七星区', park: HIGH_TECH, industry: '医药制造业', isKey: true, leadUnit: 'market-regulation', commissionerFrom: 'region-drug-admin' },
  { slug: 'pinggang', name: '桂林平钢钢铁有限公司', short: '平钢公司', district: '平乐县', park: '平乐工业集中区', industry: '黑色金属冶炼和压延加工业', isKey: true, leadUnit: 'industry-it', commissionerFrom: 'region-development-reform' },
  { slug: 'yuhuan', name: '兴安玉环汽车部件产业园开发有限公司', short: '兴安(玉环)产业园', district: '兴安县', park: YUHUAN_PARK, industry: '汽车制造业', isKey: true, leadUnit: 'county-xingan', project: '兴安(玉环)汽车部件产业园项目', commissionerFrom: 'region-natural-resources' },
  { slug: 'jifusi', name: '桂林吉福思罗汉果有限公司', short: '吉福思', district: '龙胜各族自治县', park: '龙胜工业集中区', industry: '农副食品加工业', isKey: true, leadUnit: 'county-longsheng', project: '年加工2亿枚罗汉果加工厂扩建项目' },
  { slug: 'huayu', name: '恭城华宇木业有限公司', short: '恭城华宇木业', district: '恭城瑶族自治县', park: '恭城工业园区', industry: '木材加工和木、竹、藤、棕、草制品业', isKey: true, leadUnit: 'county-gongcheng', project: '恭城华宇木业技改项目' },
  { slug: 'huasheng-wood', name: '资源县华盛木业有限公司', short: '资源华盛木业', district: '资源县', park: '资源工业集中区', industry: '木材加工和木、竹、藤、棕、草制品业', isKey: true, leadUnit: 'county-ziyuan', project: '高档覆膜建筑模板加工扩建项目' },

  // other key enterprises
  { slug: 'fuda', name: '桂林福达股份有限公司', short: '福达股份', district: '临桂区', park: XICHENG, industry: '汽车制造业', isKey: true, leadUnit: 'industry-it' },
  { slug: 'sanjin', name: '桂林三金药业股份有限公司', short: '三金药业', district: '临桂区', park: XICHENG, industry: '医药制造业', isKey: true, leadUnit: 'science-technology' },
  { slug: 'rubber-machinery', name: '桂林橡胶机械有限公司', short: '桂林橡机', district: '七星区', park: HIGH_TECH, industry: '专用设备制造业', isKey: true, leadUnit: 'development-reform' },
  { slug: 'xingchen', name: '桂林星辰科技股份有限公司', short: '星辰科技', district: '七星区', park: HIGH_TECH, industry: '电气机械和器材制造业', isKey: true, leadUnit: 'science-technology' },
  { slug: 'electrical-research', name: '桂林电器科学研究院有限公司', short: '桂林电科院', district: '七星区', park: HIGH_TECH, industry: '专用设备制造业', isKey: true, leadUnit: 'high-tech-zone' },
  { slug: 'layn', name: '桂林莱茵生物科技股份有限公司', short: '莱茵生物', district: '临桂区', park: XICHENG, industry: '农副食品加工业', isKey: true, leadUnit: 'commerce' },
  { slug: 'cable', name: '桂林国际电线电缆集团有限责任公司', short: '国际电缆', district: '七星区', park: HIGH_TECH, industry: '电气机械和器材制造业', isKey: true, leadUnit: 'finance-office' },
  { slug: 'deep-tech', name: '桂林深科技有限公司', short: '桂林深科技', district: '七星区', park: HIGH_TECH, industry: '计算机、通信和其他电子设备制造业', isKey: true, leadUnit: 'commerce' },
  { slug: 'urit', name: '桂林优利特医疗电子有限公司', short: '优利特', district: '七星区', park: HIGH_TECH, industry: '专用设备制造业', isKey: true, leadUnit: 'market-regulation' },
  { slug: 'changhai', name: '桂林长海发展有限责任公司', short: '长海发展', district: '七星区', park: HIGH_TECH, industry: '计算机、通信和其他电子设备制造业', isKey: true, leadUnit: 'high-tech-zone' },
  { slug: 'guanglong', name: '桂林光隆科技集团股份有限公司', short: '光隆科技', district: '七星区', park: HIGH_TECH, industry: '计算机、通信和其他电子设备制造业', isKey: true, leadUnit: 'science-technology' },
  { slug: 'zhishen', name: '桂林智神信息技术股份有限公司', short: '智神信息', district: '七星区', park: HIGH_TECH, industry: '计算机、通信和其他电子设备制造业', isKey: true, leadUnit: 'high-tech-zone' },
  { slug: 'nanyao', name: '桂林南药股份有限公司', short: '桂林南药', district: '雁山区', park: ECON_DEV, industry: '医药制造业', isKey: true, leadUnit: 'econ-dev-zone' },
  { slug: 'woodpecker', name: '桂林市啄木鸟医疗器械有限公司', short: '啄木鸟医疗', district: '七星区', park: HIGH_TECH, industry: '专用设备制造业', isKey: true, leadUnit: 'investment-promotion' },
  { slug: 'haiwei', name: '桂林海威科技股份有限公司', short: '海威科技', district: '七星区', park: HIGH_TECH, industry: '计算机、通信和其他电子设备制造业', isKey: true, leadUnit: 'tax' },
  { slug: 'jinge', name: '桂林金格电工电子材料科技有限公司', short: '金格电工', district: '七星区', park: HIGH_TECH, industry: '有色金属冶炼和压延加工业', isKey: true, leadUnit: 'finance-bureau' },
  { slug: 'tianhe', name: '桂林天和药业股份有限公司', short: '天和药业', district: '临桂区', park: XICHENG, industry: '医药制造业', isKey: true, leadUnit: 'county-lingui' },
  { slug: 'seamild', name: '桂林西麦食品集团有限公司', short: '西麦食品', district: '临桂区', park: XICHENG, industry: '食品制造业', isKey: true, leadUnit: 'commerce' },
  { slug: 'tebon', name: '桂林特邦新材料股份有限公司', short: '特邦新材料', district: '七星区', park: HIGH_TECH, industry: '非金属矿物制品业', isKey: true, leadUnit: 'science-technology' },
  { slug: 'guibei-machinery', name: '桂林桂北机器有限责任公司', short: '桂北机器', district: '象山区', park: '象山工业园区', industry: '通用设备制造业', isKey: true, leadUnit: 'county-xiangshan' },
  { slug: 'bus', name: '桂林客车工业集团有限公司', short: '桂林客车', district: '七星区', park: HIGH_TECH, industry: '汽车制造业', isKey: true, leadUnit: 'industry-it' },
  { slug: 'liyuan', name: '桂林力源粮油食品集团有限公司', short: '力源粮油', district: '象山区', park: '象山工业园区', industry: '农副食品加工业', isKey: true, leadUnit: 'development-reform' },
  { slug: 'guolong', name: '桂林市国龙外贸鞋业有限公司', short: '国龙鞋业', district: '临桂区', park: XICHENG, industry: '皮革、毛皮、羽毛及其制品和制鞋业', isKey: true, leadUnit: 'hrss' },
  { slug: 'zhoushi', name: '桂林周氏顺发食品有限公司', short: '周氏顺发', district: '灵川县', park: '灵川八里街工业园区', industry: '农副食品加工业', isKey: true, leadUnit: 'county-lingchuan' },
  { slug: 'hengbao', name: '桂林恒保健康防护有限公司', short: '恒保防护', district: '雁山区', park: ECON_DEV, industry: '橡胶和塑料制品业', isKey: true, leadUnit: 'econ-dev-zone' },
  { slug: 'zizhu', name: '桂林紫竹乳胶制品有限公司', short: '紫竹乳胶', district: '雁山区', park: ECON_DEV, industry: '橡胶和塑料制品业', isKey: true, leadUnit: 'ecology-environment' },
  { slug: 'capacitor', name: '桂林电力电容器有限责任公司', short: '电力电容器', district: '七星区', park: HIGH_TECH, industry: '电气机械和器材制造业', isKey: true, leadUnit: 'power-supply' },
  { slug: 'machine-tool', name: '桂林机床股份有限公司', short: '桂林机床', district: '七星区', park: HIGH_TECH, industry: '通用设备制造业', isKey: true, leadUnit: 'industry-it' },
  { slug: 'aerospace-electronics', name: '桂林航天电子有限公司', short: '航天电子', district: '七星区', park: HIGH_TECH, industry: '计算机、通信和其他电子设备制造业', isKey: true, leadUnit: 'high-tech-zone' },
  { slug: 'xinzhu', name: '桂林新竹大自然生物材料有限公司', short: '新竹生物材料', district: '临桂区', park: XICHENG, industry: '橡胶和塑料制品业', isKey: true, leadUnit: 'ecology-environment' },
  { slug: 'lijia', name: '桂林漓佳金属有限责任公司', short: '漓佳金属', district: '象山区', park: '象山工业园区', industry: '有色金属冶炼和压延加工业', isKey: true, leadUnit: 'key-projects-office' },
  { slug: 'xiangshan-liquor', name: '桂林湘山酒业有限公司', short: '湘山酒业', district: '全州县', park: '全州工业园区', industry: '酒、饮料和精制茶制造业', isKey: true, leadUnit: 'county-quanzhou' },
  { slug: 'sanhua', name: '桂林三花股份有限公司', short: '三花酒', district: '象山区', park: '象山工业园区', industry: '酒、饮料和精制茶制造业', isKey: true, leadUnit: 'tax' },
  { slug: 'guanglu', name: '桂林广陆数字测控有限公司', short: '广陆数测', district: '七星区', park: HIGH_TECH, industry: '仪器仪表制造业', isKey: true, leadUnit: 'finance-office' },
  { slug: 'measuring-tools', name: '桂林量具刃具有限责任公司', short: '桂林量具', district: '七星区', park: HIGH_TECH, industry: '通用设备制造业', isKey: true, leadUnit: 'industry-it' },
  { slug: 'fuda-crankshaft', name: '桂林福达阿尔芬大型曲轴有限公司', short: '福达曲轴', district: '临桂区', park: XICHENG, industry: '汽车制造业', isKey: true, leadUnit: 'county-lingui' },
  { slug: 'juntaifu', name: '桂林君泰福电气有限公司', short: '君泰福电气', district: '永福县', park: SUQIAO, industry: '电气机械和器材制造业', isKey: true, leadUnit: 'county-yongfu' },
  { slug: 'fushou-luohanguo', name: '永福县福寿罗汉果生物科技有限公司', short: '福寿罗汉果', district: '永福县', park: SUQIAO, industry: '农副食品加工业', isKey: true, leadUnit: 'county-yongfu' },
  { slug: 'huarui-optoelectronics', name: '桂林华锐光电科技有限公司', short: '华锐光电', district: '临桂区', park: HIGH_SPEED_RAIL, industry: '计算机、通信和其他电子设备制造业', isKey: true, leadUnit: 'investment-promotion' },
  { slug: 'guitie-rail', name: '桂林桂铁轨道交通装备有限公司', short: '桂铁装备', district: '临桂区', park: HIGH_SPEED_RAIL, industry: '铁路、船舶、航空航天和其他运输设备制造业', isKey: true, leadUnit: 'development-reform' },
  { slug: 'tiechuang-materials', name: '桂林铁创新材料科技有限公司', short: '铁创新材料', district: '临桂区', park: HIGH_SPEED_RAIL, industry: '非金属矿物制品业', isKey: true, leadUnit: 'county-lingui' },
  { slug: 'zhegui-auto', name: '兴安县浙桂汽车零部件有限公司', short: '浙桂汽配', district: '兴安县', park: YUHUAN_PARK, industry: '汽车制造业', isKey: true, leadUnit: 'county-xingan' },
  { slug: 'jingrui-auto', name: '兴安县精锐汽配制造有限公司', short: '精锐汽配', district: '兴安县', park: YUHUAN_PARK, industry: '汽车制造业', isKey: true, leadUnit: 'industry-it' },
  { slug: 'lingchuang-materials', name: '桂林灵创新材料科技有限公司', short: '灵创新材料', district: '灵川县', park: '灵川八里街工业园区', industry: '化学原料和化学制品制造业', isKey: true, leadUnit: 'ecology-environment' },
  { slug: 'xianggui-building', name: '全州县湘桂新型建材有限公司', short: '湘桂建材', district: '全州县', park: '全州工业园区', industry: '非金属矿物制品业', isKey: true, leadUnit: 'housing-construction' },
  { slug: 'lijiang-stone', name: '平乐县漓江石业有限公司', short: '漓江石业', district: '平乐县', park: '平乐工业集中区', industry: '非金属矿物制品业', isKey: true, leadUnit: 'natural-resources' },
  { slug: 'hongtuo', name: '桂林宏拓机械制造有限公司', short: '宏拓机械', district: '雁山区', park: ECON_DEV, industry: '通用设备制造业', isKey: true, leadUnit: 'econ-dev-zone' },
  { slug: 'hengfeng-hanger', name: '荔浦市恒丰衣架制品有限公司', short: '恒丰衣架', district: '荔浦市', park: '荔浦工业集中区', industry: '木材加工和木、竹、藤、棕、草制品业', isKey: true, leadUnit: 'county-lipu' },
  { slug: 'lixiang-food', name: '荔浦市荔香食品有限公司', short: '荔香食品', district: '荔浦市', park: '荔浦工业集中区', industry: '食品制造业', isKey: true, leadUnit: 'hrss' },
  { slug: 'fenghuayuan', name: '恭城丰华园食品有限公司', short: '丰华园食品', district: '恭城瑶族自治县', park: '恭城工业园区', industry: '农副食品加工业', isKey: true, leadUnit: 'county-gongcheng' },
  { slug: 'huamei-talc', name: '龙胜华美滑石开发有限公司', short: '华美滑石', district: '龙胜各族自治县', park: '龙胜工业集中区', industry: '非金属矿物制品业', isKey: true, leadUnit: 'natural-resources' },
  { slug: 'zijiang-bamboo', name: '资源县资江竹木制品有限公司', short: '资江竹木', district: '资源县', park: '资源工业集中区', industry: '木材加工和木、竹、藤、棕、草制品业', isKey: true, leadUnit: 'county-ziyuan' },
  { slug: 'lingyuan-herbal', name: '桂林漓源中药饮片有限公司', short: '漓源中药', district: '灵川县', park: '灵川八里街工业园区', industry: '医药制造业', isKey: true, leadUnit: 'market-regulation' },
  { slug: 'zhixin-micro', name: '桂林智芯微电子有限公司', short: '智芯微电子', district: '七星区', park: HIGH_TECH, industry: '计算机、通信和其他电子设备制造业', isKey: true, leadUnit: 'investment-promotion' },
  { slug: 'hongxing-paper', name: '桂林红星纸业有限公司', short: '红星纸业', district: '灵川县', park: '灵川八里街工业园区', industry: '造纸和纸制品业', isKey: true, leadUnit: 'ecology-environment' },
  { slug: 'xinda-building', name: '桂林鑫达新型建材有限公司', short: '鑫达建材', district: '雁山区', park: ECON_DEV, industry: '非金属矿物制品业', isKey: true, leadUnit: 'housing-construction' },
  { slug: 'suqiao-casting', name: '桂林苏桥精密铸造有限公司', short: '苏桥铸造', district: '永福县', park: SUQIAO, industry: '金属制品业', isKey: true, leadUnit: 'power-supply' },
  { slug: 'jinyuan-chemical', name: '桂林兴安金源化工有限公司', short: '金源化工', district: '兴安县', park: '兴安县工业集中区', industry: '化学原料和化学制品制造业', isKey: true, leadUnit: 'approval-bureau' },
  { slug: 'jinxiu-textile', name: '桂林临桂锦绣纺织有限公司', short: '锦绣纺织', district: '临桂区', park: XICHENG, industry: '纺织服装、服饰业', isKey: true, leadUnit: 'hrss' },
  { slug: 'guineng', name: '桂林桂能新能源科技有限公司', short: '桂能新能源', district: '七星区', park: HIGH_TECH, industry: '电气机械和器材制造业', isKey: true, leadUnit: 'power-supply' },
  { slug: 'baolai-bio', name: '桂林宝莱生物医药有限公司', short: '宝莱生物', district: '临桂区', park: HIGH_SPEED_RAIL, industry: '医药制造业', isKey: true, leadUnit: 'finance-bureau' },
  { slug: 'tianhu-food', name: '全州县天湖生态食品有限公司', short: '天湖食品', district: '全州县', park: '全州工业园区', industry: '食品制造业', isKey: true, leadUnit: 'key-projects-office' },

  // ordinary enterprises: they report through the app and the hotline like anyone else
  { slug: 'ruifeng-packaging', name: '桂林市瑞丰包装材料有限公司', short: '瑞丰包装', district: '叠彩区', industry: '印刷和记录媒介复制业', isKey: false },
  { slug: 'xiufeng-printing', name: '桂林秀峰彩印有限公司', short: '秀峰彩印', district: '秀峰区', industry: '印刷和记录媒介复制业', isKey: false },
  { slug: 'yangshuo-food', name: '阳朔县漓江食品有限公司', short: '阳朔漓江食品', district: '阳朔县', industry: '食品制造业', isKey: false },
  { slug: 'dupangling-tea', name: '灌阳县都庞岭茶业有限公司', short: '都庞岭茶业', district: '灌阳县', park: '灌阳工业集中区', industry: '酒、饮料和精制茶制造业', isKey: false },
  { slug: 'guiya-furniture', name: '桂林桂雅家具有限公司', short: '桂雅家具', district: '七星区', park: HIGH_TECH, industry: '家具制造业', isKey: false },
  { slug: 'jingmo-mould', name: '桂林精模模具有限公司', short: '精模模具', district: '临桂区', park: XICHENG, industry: '专用设备制造业', isKey: false },
  { slug: 'yanshan-garment', name: '桂林雁山服饰有限公司', short: '雁山服饰', district: '雁山区', park: ECON_DEV, industry: '纺织服装、服饰业', isKey: false },
  { slug: 'xinyuan-hardware', name: '灵川县鑫源五金制品有限公司', short: '鑫源五金', district: '灵川县', park: '灵川八里街工业园区', industry: '金属制品业', isKey: false },
  { slug: 'hefeng-rice', name: '全州县禾丰米业有限公司', short: '禾丰米业', district: '全州县', park: '全州工业园区', industry: '农副食品加工业', isKey: false },
  { slug: 'jinghua-glass', name: '兴安县晶华玻璃制品有限公司', short: '晶华玻璃', district: '兴安县', park: '兴安县工业集中区', industry: '非金属矿物制品业', isKey: false },
];
