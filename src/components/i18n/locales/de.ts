// German strings for the widget (see ../strings.ts for the keys and the English).
import type { Strings } from '../strings.ts';

export default {
  // The call's state
  'state.idle': 'Legen Sie einen Raum fest, um einen Anruf zu starten.',
  'state.joining': 'Beitreten…',
  'state.reconnecting': 'Verbindung zum Anrufserver wird wiederhergestellt…',
  'state.left': 'Sie haben den Anruf verlassen.',
  // Errors, by code
  'error.insecure-context':
    'Kamera und Mikrofon benötigen eine sichere Seite: Öffnen Sie diese Seite über https:// oder auf localhost.',
  'error.unsupported-browser':
    'Dieser Browser unterstützt keine Videoanrufe. Verwenden Sie eine aktuelle Version von Chrome, Edge, Firefox oder Safari.',
  'error.permission-denied':
    'Der Zugriff auf Kamera und Mikrofon ist blockiert. Erlauben Sie ihn in den Website-Einstellungen des Browsers (das Symbol in der Adressleiste) und versuchen Sie es dann erneut.',
  'error.permission-denied.iframe':
    'Diese Seite bettet den Anruf in ein iframe ohne allow="{allow}" ein: Die Website muss das Attribut im <iframe> ergänzen.',
  'error.no-devices': 'Kamera oder Mikrofon nicht gefunden: Sie sind mit den verfügbaren Geräten beigetreten.',
  'error.device-in-use':
    'Kamera oder Mikrofon wird von einer anderen Anwendung verwendet. Schließen Sie diese und versuchen Sie es dann erneut.',
  'error.relay-unreachable': 'Der Anrufserver ist nicht erreichbar. Erneuter Versuch…',
  'error.peer-connection-failed':
    'Keine Verbindung zu einem Teilnehmer möglich. Das Netzwerk benötigt möglicherweise einen TURN-Server.',
  'error.invalid-request': 'Der Anrufserver hat die Anfrage abgelehnt. Überprüfen Sie den Raumnamen.',
  'error.room-full': 'Dieser Raum ist voll.',
  'error.unauthorized': 'Für diesen Raum ist ein gültiges Passwort oder eine gültige Einladung erforderlich.',
  'error.unauthorized.rename': 'Ihr Name stammt aus Ihrer Einladung und kann nicht geändert werden.',
  'error.not-joined': 'Sie sind noch in keinem Raum.',
  'error.unknown-peer': 'Dieser Teilnehmer hat den Anruf verlassen.',
  'error.rate-limited': 'Zu viele Nachrichten: Bitte etwas langsamer.',
  'error.payload-too-large': 'Eine Nachricht war zu groß zum Senden.',
  'error.server-shutting-down': 'Der Anrufserver wird neu gestartet. Verbindung wird wiederhergestellt…',
  // Toolbar and buttons
  controls: 'Anrufsteuerung',
  microphone: 'Mikrofon',
  camera: 'Kamera',
  speaker: 'Lautsprecher',
  screen: 'Bildschirm teilen',
  hand: 'Hand heben',
  chat: 'Chat',
  settings: 'Einstellungen',
  spotlight: 'Spotlight-Ansicht',
  fullscreen: 'Vollbild',
  leave: 'Anruf verlassen',
  join: 'Beitreten',
  joinAgain: 'Erneut beitreten',
  tryAgain: 'Erneut versuchen',
  retryMedia: 'Erneut auf Kamera und Mikrofon zugreifen',
  dismiss: 'Schließen',
  enableAudio: 'Klicken, um den Ton zu aktivieren',
  unread: '{count} ungelesen',
  // Tiles
  you: 'Sie',
  yourTile: '{name} (Sie)',
  screenTile: '{name} (Bildschirm)',
  guest: 'Gast',
  connecting: 'wird verbunden…',
  reconnecting: 'wird neu verbunden…',
  micOff: 'Mikrofon aus',
  handRaised: 'Hand gehoben',
  verified: 'Verifizierter Name',
  pin: '{name} anheften',
  pictureInPicture: 'Bild-im-Bild',
  details: 'Verbindungsdetails',
  closeDetails: 'Details schließen',
  quality: 'Verbindung: {quality}',
  'quality.good': 'gut',
  'quality.fair': 'mäßig',
  'quality.poor': 'schlecht',
  statVideo: 'Video',
  statSending: 'Senden',
  statRoundTrip: 'Umlaufzeit',
  statLoss: 'Paketverlust',
  statPath: 'Pfad',
  'path.direct': 'direkt',
  'path.relayed': 'weitergeleitet (TURN)',
  'path.unknown': 'unbekannt',
  safetyCode: 'Sicherheitscode',
  safetyCodeHelp:
    'Lesen Sie ihn laut vor: Wenn Sie beide denselben Code sehen, sitzt niemand zwischen Ihnen in dieser Verbindung.',
  // Pre-join screen
  prejoinTitle: 'Bereit zum Beitreten?',
  yourName: 'Ihr Name',
  // Chat panel
  closeChat: 'Chat schließen',
  messages: 'Nachrichten',
  noMessages: 'Noch keine Nachrichten.',
  message: 'Nachricht',
  send: 'Senden',
  // Settings panel
  closeSettings: 'Einstellungen schließen',
  noneFound: 'Keine gefunden',
  cameraNumber: 'Kamera {number}',
  microphoneNumber: 'Mikrofon {number}',
  speakerNumber: 'Lautsprecher {number}',
  // Announced to screen readers
  announceJoined: '{name} ist beigetreten',
  announceLeft: '{name} hat den Anruf verlassen',
  announceMuted: '{name} hat das Mikrofon ausgeschaltet',
  announceUnmuted: '{name} hat das Mikrofon eingeschaltet',
  announceHand: '{name} hat die Hand gehoben',
  announceMessage: 'Nachricht von {name}: {text}',
} satisfies Strings;
