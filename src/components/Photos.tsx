import { Image, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { callCloud } from '../services/cloud'
import './Photos.css'

/** A ticket's photos as thumbnails; a tap opens WeChat's viewer. URLs are temporary, so they are asked for here. */
export function Photos({ ticketId, fileIDs }: { ticketId: string; fileIDs: readonly string[] }) {
  const [urls, setUrls] = useState<Record<string, string>>({})
  // the list arrives as a new array on every render: its content is what matters
  const key = fileIDs.join('|')
  useEffect(() => {
    if (key === '') return
    void callCloud('ticket.files', { ticketId }).then((res) => res.ok && setUrls(res.data.urls))
  }, [ticketId, key])

  const shown = fileIDs.map((id) => urls[id]).filter((url): url is string => Boolean(url))
  if (shown.length === 0) return null
  return (
    <View className="photos">
      {shown.map((url) => (
        <Image
          key={url}
          className="photo"
          src={url}
          mode="aspectFill"
          onClick={() => {
            // WeChat's viewer in the mini-program; H5's previewImage pulls in a whole swiper (~150 KB) for one
            // tap, so the browser opens the picture itself
            if (process.env.TARO_ENV === 'weapp') void Taro.previewImage({ urls: shown, current: url })
            else window.open(url, '_blank')
          }}
        />
      ))}
    </View>
  )
}
