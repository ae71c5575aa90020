import type { Enterprise } from '../../types/domain'
import { COLLECTIONS } from './collections'
import { db, readDoc } from './cloud'

export async function findEnterprise(enterpriseId: string): Promise<Enterprise | null> {
  return readDoc<Enterprise>(db.collection(COLLECTIONS.enterprises).doc(enterpriseId))
}
