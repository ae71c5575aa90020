/**
 * The privacy notice (隐私保护指引) the app shows before it asks for a phone number. The phone-number action
 * (`me.verifyPhone`) refuses callers who have not accepted the CURRENT version (`me.acceptPrivacy` records
 * version and time on the users record). Change `version` whenever the text changes in substance: everyone is
 * asked again.
 */
export interface PrivacyNotice {
  version: string
  title: string
  /** paragraphs, in order */
  paragraphs: readonly string[]
}

export const PRIVACY_NOTICE: PrivacyNotice = {
  version: '2026-01',
  title: '惠企通隐私保护指引',
  paragraphs: [
    '惠企通由桂林市重点办运营，用于企业反映诉求、相关部门和人员办理答复。我们只收集办理诉求所必需的信息。',
    '我们收集的信息：您的微信身份标识（OpenID）；您绑定身份时填写的姓名；经您同意后获取的手机号码；您提交的诉求内容和材料。',
    '使用目的：核实您代表的企业或单位身份；办理、督办和统计诉求；必要时由承办单位或服务专员与您电话联系。',
    '共享范围：诉求及联系方式仅提供给办理该诉求的单位、该企业的联系市领导、牵头服务单位和服务专员；除市重点办外，手机号码均以掩码显示。我们不向任何第三方出售或提供您的个人信息。',
    '保存期限：诉求及其办理记录按政务档案有关规定保存；解除绑定后，您的手机号码不再向办理人员显示。',
    '您的权利：您可以随时联系市重点办查询、更正您的信息，或申请解除绑定。热线：966011。',
  ],
}
