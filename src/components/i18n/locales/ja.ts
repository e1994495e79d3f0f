// Japanese strings for the widget (see ../strings.ts for the keys and the English).
import type { Strings } from '../strings.ts';

export default {
  // The call's state
  'state.idle': '通話を開始するにはルームを設定してください。',
  'state.joining': '参加しています…',
  'state.reconnecting': '通話サーバーに再接続しています…',
  'state.left': '通話から退出しました。',
  // Errors, by code
  'error.insecure-context':
    'カメラとマイクを使うには安全なページが必要です。このページを https:// または localhost で開いてください。',
  'error.unsupported-browser':
    'このブラウザではビデオ通話ができません。最新の Chrome、Edge、Firefox、または Safari をお試しください。',
  'error.permission-denied':
    'カメラとマイクへのアクセスがブロックされています。ブラウザのサイト設定（アドレスバーのアイコン）で許可してから、もう一度お試しください。',
  'error.permission-denied.iframe':
    'このページは allow="{allow}" のない iframe に通話を埋め込んでいます。サイト側で <iframe> にこの属性を追加する必要があります。',
  'error.no-devices': 'カメラまたはマイクが見つかりませんでした。利用できるデバイスで参加しました。',
  'error.device-in-use':
    'カメラまたはマイクが別のアプリケーションで使用中です。そのアプリケーションを閉じてから、もう一度お試しください。',
  'error.relay-unreachable': '通話サーバーに接続できません。再試行しています…',
  'error.peer-connection-failed':
    '参加者に接続できませんでした。ネットワークに TURN サーバーが必要な可能性があります。',
  'error.invalid-request': '通話サーバーがリクエストを拒否しました。ルーム名を確認してください。',
  'error.room-full': 'このルームは満員です。',
  'error.unauthorized': 'このルームには有効なパスワードまたは招待が必要です。',
  'error.unauthorized.rename': 'この名前は招待で指定されているため、変更できません。',
  'error.not-joined': 'まだルームに参加していません。',
  'error.unknown-peer': 'その参加者は退出しました。',
  'error.rate-limited': 'メッセージが多すぎます。少し間隔をあけてください。',
  'error.payload-too-large': 'メッセージが大きすぎて送信できませんでした。',
  'error.server-shutting-down': '通話サーバーが再起動しています。再接続しています…',
  // Toolbar and buttons
  controls: '通話コントロール',
  microphone: 'マイク',
  camera: 'カメラ',
  speaker: 'スピーカー',
  screen: '画面を共有',
  hand: '手を挙げる',
  chat: 'チャット',
  settings: '設定',
  spotlight: 'スポットライト表示',
  fullscreen: '全画面表示',
  leave: '通話から退出',
  join: '参加',
  joinAgain: 'もう一度参加',
  tryAgain: '再試行',
  retryMedia: 'カメラとマイクを再試行',
  dismiss: '閉じる',
  enableAudio: 'クリックして音声を有効にする',
  unread: '未読 {count} 件',
  // Tiles
  you: 'あなた',
  yourTile: '{name}（あなた）',
  screenTile: '{name}（画面）',
  guest: 'ゲスト',
  connecting: '接続中…',
  reconnecting: '再接続中…',
  micOff: 'マイクオフ',
  handRaised: '挙手中',
  verified: '確認済みの名前',
  pin: '{name} を固定',
  pictureInPicture: 'ピクチャー イン ピクチャー',
  details: '接続の詳細',
  closeDetails: '詳細を閉じる',
  quality: '接続：{quality}',
  'quality.good': '良好',
  'quality.fair': '普通',
  'quality.poor': '不安定',
  statVideo: 'ビデオ',
  statSending: '送信',
  statRoundTrip: '往復時間',
  statLoss: 'パケットロス',
  statPath: '経路',
  'path.direct': '直接',
  'path.relayed': '中継（TURN）',
  'path.unknown': '不明',
  safetyCode: 'セキュリティコード',
  safetyCodeHelp:
    '声に出して読み合わせてください。お互いに同じコードが表示されていれば、この接続に第三者は介在していません。',
  // Pre-join screen
  prejoinTitle: '参加の準備はできましたか？',
  yourName: 'あなたの名前',
  // Chat panel
  closeChat: 'チャットを閉じる',
  messages: 'メッセージ',
  noMessages: 'まだメッセージはありません。',
  message: 'メッセージ',
  send: '送信',
  // Settings panel
  closeSettings: '設定を閉じる',
  noneFound: '見つかりません',
  cameraNumber: 'カメラ {number}',
  microphoneNumber: 'マイク {number}',
  speakerNumber: 'スピーカー {number}',
  // Announced to screen readers
  announceJoined: '{name} さんが参加しました',
  announceLeft: '{name} さんが退出しました',
  announceMuted: '{name} さんがマイクをオフにしました',
  announceUnmuted: '{name} さんがマイクをオンにしました',
  announceHand: '{name} さんが手を挙げました',
  announceMessage: '{name} さんからのメッセージ：{text}',
} satisfies Strings;
