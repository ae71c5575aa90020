import Taro from '@tarojs/taro'

// Kept out of the main package (≤ 400 KiB): only the office's pages open spreadsheets.
/**
 * Opens a spreadsheet a function made (types/export.ts SpreadsheetFile). weapp: download its temporary URL and
 * let WeChat open it (its menu forwards or saves it); H5: a real download of the URL. Never throws.
 */
export async function openSpreadsheet(file: { url: string; fileName: string }): Promise<string | null> {
  try {
    if (process.env.TARO_ENV === 'weapp') {
      const { tempFilePath, statusCode } = await Taro.downloadFile({ url: file.url })
      if (statusCode !== 200) return '文件下载失败，请稍后重试'
      await Taro.openDocument({ filePath: tempFilePath, fileType: 'xlsx', showMenu: true })
      return null
    }
    const link = document.createElement('a')
    link.href = file.url
    link.download = file.fileName
    document.body.appendChild(link)
    link.click()
    link.remove()
    return null
  } catch {
    return '文件打开失败，请稍后重试'
  }
}
