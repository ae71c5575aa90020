/**
 * The directory as pure functions, one module per concern: records built from input (records), an import
 * planned as a difference against the database (import), the rows an export writes (export), and the
 * enterprises a leader's or commissioner's grant reaches (reach). The shell (api/actions/directory-*.ts) loads a
 * snapshot, calls these, and carries out the writes they plan.
 */
export * from './snapshot'
export * from './records'
export * from './import'
export * from './export'
export * from './reach'
