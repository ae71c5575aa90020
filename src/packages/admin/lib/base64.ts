/**
 * Text → base64 of its UTF-8 bytes, for a pasted CSV sent inline to directory.import (H5: no cloud storage
 * to upload to). Chunks keep String.fromCharCode's argument list short.
 */
export function utf8ToBase64(text: string): string {
  const bytes = new TextEncoder().encode(text)
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode.apply(null, Array.from(bytes.subarray(i, i + 0x8000)))
  }
  return btoa(binary)
}
