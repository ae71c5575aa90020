/** The public vocabulary of the local cloud; re-exported by emulator/index.ts. */

/** Who is calling: the dev identity the dev server or a test invokes a function as. */
export interface DevIdentity {
  openid: string
  appid?: string
  unionid?: string
}

/** cloudfunctions/db-manifest.json: the collections that exist and their indexes. */
export interface DbManifest {
  collections: Record<string, { indexes: Array<{ name: string; keys: Record<string, 1 | -1>; unique?: boolean }> }>
}

export interface InvokeResult {
  /** main()'s return value after a JSON round trip, as the caller of a cloud function receives it */
  result: unknown
  /** database requests the SDK sent during the invocation (each would be one HTTP round trip) */
  dbRoundTrips: number
  durationMs: number
}

export interface LocalCloudOptions {
  /** folder of the SQLite file (created if missing), or ':memory:' for a throw-away database */
  dataDir: string
  /** collections that exist (others answer -502005) */
  manifest: DbManifest
  /** function name -> module exporting `main(event, context)` (a built index.js, or a .ts source under jest/tsx) */
  functions: Record<string, string>
  /** where cloud.uploadFile writes (default <dataDir>/storage, or a temporary folder for ':memory:') */
  storageDir?: string
  /**
   * getTempFileURL answers `<storageUrlBase><cloudPath>` (the dev server serves it: a real download in the
   * browser) instead of a file:// URL
   */
  storageUrlBase?: string
  /** clock for serverDate and timers (tests inject) */
  now?: () => Date
  /**
   * refuse a where-query that no index of the manifest covers (database/index-coverage.ts): the project's
   * tests and dev server turn it on so a query without its index fails where it is written
   */
  requireIndexes?: boolean
}

/** One call a function made to a WeChat API, recorded instead of sent. */
export interface RecordedCall {
  /** the function that made the call */
  functionName: string
  /** e.g. 'subscribeMessage.send', 'uploadFile' */
  api: string
  /** what WeChat would have received: the openapi body with snake_case keys, as the SDK sends it */
  data: Record<string, unknown>
  /** 0 when the stand-in answered ok */
  errCode: number
  at: Date
}

export interface LocalRecords {
  subscribeMessages: RecordedCall[]
  secChecks: RecordedCall[]
  phoneNumbers: RecordedCall[]
  uploads: RecordedCall[]
  /** cloudbase.sendSms calls, valid or refused (errCode -501007) */
  smsMessages: RecordedCall[]
  /**
   * Make the next `count` (default 1) subscribeMessage.send calls — only those to `touser`, if given —
   * answer `errCode`, e.g. 43101 (the user has no consent left). Failed sends are recorded with that errCode.
   */
  failNextSubscribeSend(errCode: number, options?: { count?: number; touser?: string }): void
  /**
   * Make the next `count` (default 1) cloudbase.sendSms calls — only those to `phone` ('+86…'), if given — fail:
   * `quotaExhausted` (the resource package is used up: -501007 …配额不足) or `invalidNumber` (the call succeeds,
   * that number's send_status_list code is not Ok).
   */
  failNextSms(kind: 'quotaExhausted' | 'invalidNumber', options?: { count?: number; phone?: string }): void
}

export interface LocalCloud {
  /** the functions this cloud runs (invoke and runTimer refuse any other name) */
  functionNames(): string[]
  invoke(name: string, event: unknown, identity: DevIdentity): Promise<InvokeResult>
  /** direct store access for seeding and assertions (bypasses the SDK): */
  store: {
    insertMany(collection: string, docs: object[]): void
    find(collection: string, query?: object): any[]
    count(collection: string, query?: object): number
    clear(collection?: string): void
  }
  /** what the functions "sent" to WeChat, recorded instead: */
  records: LocalRecords
  /** start the timer triggers declared in each function folder's config.json; returns a stop function */
  startTimers(): () => void
  /** fire a function's timer trigger once */
  runTimer(functionName: string): Promise<InvokeResult>
  /** the local file of a stored cloud path, if it exists (the dev server's downloads) */
  storageFile(cloudPath: string): string | undefined
  close(): void
}
