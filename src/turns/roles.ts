/**
 * Host and guest roles the labels and hints do not give, from what the speakers say as the episode
 * opens and closes, only on phrases that say the role outright:
 * - a host welcomes the listeners or the guest to the show, says "I'm your host", introduces the
 *   guests ("joining me today is…", "my guest this week is…") or thanks the listeners at the end;
 * - a guest thanks the host for having them, or is glad to be on the show;
 * - a guest the host names in the introduction is a guest even before speaking a cue of their own,
 *   a co-host named there ("with my co-host Jerod") is a host.
 * A speaker who says both kinds of phrase keeps an unknown role.
 */
import { openingText } from './introductions.js'
import { wholeWords } from './language.js'
import type { Role, RosterMember } from './roster.js'

export interface RoleDraft {
  member: RosterMember
  paragraphs: string[]
}

// The opening: the first turns of the episode (a panel's moderator may introduce everyone in turn).
const OPENING_TURNS = 8
const CLOSING_TURNS = 3
// How much of each turn is read: introductions and thanks come first.
const TURN_CHARS = 600
// How far after "joining me today" the names of the guests are looked for.
const INTRODUCTION_CHARS = 200

// Each list holds the English cues, the same in German, French, Spanish, Portuguese, Italian and Dutch
// (`wholeWords`), and in Chinese and Japanese where the list has them.
const HOST_CUES = [
  /\b(?:I['’]m|I am|this is) your (?:co-?)?host\b/i,
  // A panel's moderator: "I'll be moderating today's panel", "I'm your moderator".
  /\b(?:I['’]ll be|I will be|I['’]m|I am) (?:moderating|(?:your|the|today['’]s) moderator)\b/i,
  // To the listeners or to the guest: "Welcome to ChinaTalk", "welcome back to the show", "Fei-Fei, welcome to the podcast".
  /\b[Ww]elcome (?:back )?to (?:the (?:show|podcast|program|programme|pod)\b|another (?:episode|edition)\b|(?:this|today['’]s|this week['’]s) (?:episode|show)\b|episode \d|(?:the )?\p{Lu})/u,
  /\b(?:thank you|thanks) (?:so much |very much )?for (?:joining (?:me|us)|being (?:here|with us|on the show)|coming on)\b/i,
  /\b(?:my|our) (?:guests?|panel(?:ists)?) (?:today|tonight|this week|on (?:the|today['’]s) show|(?:is|are|includes?)\b)/i,
  /\b(?:joining (?:me|us)|I['’]m joined by|we['’]re joined by|(?:today|this week|tonight),? (?:I['’]m|we['’]re) (?:talking|speaking|chatting) (?:to|with))\b/i,
  /\b(?:today|this week) on (?:the )?(?:show|podcast)\b/i,
  // The interviewer's opening: "The following is a conversation with…", "Today we have Chris Miller", "I sat down with…".
  /\b(?:(?:the following|this) is (?:a|my|our) conversation with|(?:today|tonight|this week),? (?:I|we) have(?: with (?:me|us))?|I (?:sat|sit) down with|(?:I['’]m|we['’]re) (?:here|sitting (?:here|down)) with)\b/i,
  wholeWords(String.raw`(?:herzlich )?willkommen (?:zu|bei|im|in|zur|zum)|ich bin (?:euer|ihr|dein) (?:host|gastgeber(?:in)?|moderator(?:in)?)|mein(?:e)? (?:heutiger? )?gast|bienvenue (?:dans|à|sur)|je suis votre (?:hôte|animat(?:eur|rice))|mon invitée? (?:aujourd['’]hui|du jour)|bienvenid[oa]s? a|soy (?:tu|su|vuestro) (?:anfitrión|presentador(?:a)?)|mi invitad[oa] (?:de )?hoy|nos acompaña|bem-vind[oa]s? a|meu convidado|benvenut[io] a|il mio ospite|welkom bij|mijn gast`),
  // Chinese and Japanese, written without spaces: "欢迎收听本期节目", "我是主持人", "本日のゲストは".
  /欢迎(?:收听|收看|来到)|歡迎(?:收聽|收看|來到)|我是(?:本期)?(?:主持人|主播)|今天的嘉宾|今天的嘉賓|本日のゲスト|今回のゲスト/u,
]
const CLOSING_HOST_CUES = [
  /\b(?:thank you|thanks) (?:all |everyone |so much |very much )?for (?:listening|tuning in|watching)\b/i,
  wholeWords(String.raw`danke fürs zuhören|merci de (?:nous )?(?:m['’])?avoir écouté|gracias por escuchar(?:nos)?|obrigad[oa] por ouvir|grazie per l['’]ascolto|bedankt voor het luisteren`),
]
const GUEST_CUES = [
  /\b(?:thank you|thanks) (?:so much |very much |again )?for (?:having|inviting) (?:me|us)\b/i,
  /\b(?:thank you|thanks) for the invitation\b/i,
  /\b(?:(?:great|good|nice|wonderful|a pleasure|an honou?r|a privilege)|(?:happy|glad|delighted|excited|thrilled|honou?red|pleased)) to be (?:here|on (?:the|your) (?:show|podcast)|back)\b/i,
  /(?:谢谢|感谢|謝謝|感謝)(?:您的)?邀请|(?:谢谢|感谢|謝謝|感謝)(?:您的)?邀請|很高兴(?:来到|参加|做客)|很高興(?:來到|參加|做客)|お招きいただき|呼んでいただき/u,
  wholeWords(String.raw`danke (?:schön |sehr )?für die einladung|schön,? (?:hier|dabei) zu sein|merci de m['’]avoir invitée?|merci pour l['’]invitation|ravie? d['’]être (?:ici|là|avec vous)|gracias por (?:invitarme|la invitación|tenerme)|(?:un placer|encantad[oa]) de estar (?:aquí|con (?:ustedes|vosotros))|obrigad[oa] pelo convite|obrigad[oa] por me receber|grazie per l['’]invito|grazie per avermi invitat[oa]|bedankt voor de uitnodiging`),
]
// Where a host introduces the guests by name.
const INTRODUCTION = /\b(?:joined (?:today |this week |again )?by|joining (?:me|us)(?: today| this week| now)?(?: (?:is|are))?|my (?:guests?|panel(?:ists)?)(?: today| tonight| this week)?(?: (?:is|are))?|(?:talking|speaking|chatting) (?:to|with)|conversation with|(?:today|tonight|this week),? (?:I|we) have(?: with (?:me|us))?|(?:sat|sit|sitting) down with|(?:here|sitting here) with|[Ww]elcome(?: back)?(?: to the (?:show|podcast))?,)/gi
// "with my co-host Jerod Santo", "my co-hosts Ann Lee and Bob Roe".
const CO_HOST = /\bco-?hosts?,?\s+/gi
const CO_HOST_NAMES = 60

const anyCue = (text: string, cues: readonly RegExp[]): boolean => cues.some((cue) => cue.test(text))

const isAsciiLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122)

/** Whether `window` names the member by full name or surname, as a word of its own. */
const names = (window: string, member: RosterMember): boolean => {
  if (!member.name) return false
  const tokens = member.name.split(/\s+/)
  for (const form of [member.name, tokens.length > 1 ? tokens[tokens.length - 1]! : '']) {
    if (form.length < 2) continue
    for (let at = window.indexOf(form); at >= 0; at = window.indexOf(form, at + 1)) {
      if (!isAsciiLetter(window.charCodeAt(at - 1)) && !isAsciiLetter(window.charCodeAt(at + form.length))) return true
    }
  }
  return false
}

/**
 * The roles the speech gives the members whose role is unknown (hints and labels such as
 * `Host:` already gave the others theirs).
 *
 * @example
 * inferRoles([{ member: ann, paragraphs: ['Welcome to ChinaTalk. Joining me today is Bob Lee.'] },
 *   { member: bob, paragraphs: ['Thanks for having me.'] }]) // Map { ann → 'host', bob → 'guest' }
 */
export const inferRoles = (drafts: readonly RoleDraft[]): Map<RosterMember, Role> => {
  const host = new Set<RosterMember>()
  const guest = new Set<RosterMember>()
  const introduced = new Map<RosterMember, Role>()
  const members = new Set(drafts.map((d) => d.member))
  const open = (member: RosterMember): boolean => member.role === 'unknown' && member.key !== 'unknown'
  for (let i = 0; i < drafts.length; i++) {
    const { member, paragraphs } = drafts[i]!
    const opening = i < OPENING_TURNS
    if (!open(member) || (!opening && i < drafts.length - CLOSING_TURNS)) continue
    const text = openingText(paragraphs, TURN_CHARS)
    if (!opening) {
      if (anyCue(text, CLOSING_HOST_CUES)) host.add(member)
      continue
    }
    if (anyCue(text, GUEST_CUES)) guest.add(member)
    if (!anyCue(text, HOST_CUES)) continue
    host.add(member)
    const others = [...members].filter((other) => other !== member && open(other))
    for (const [cue, role, chars] of [[CO_HOST, 'host', CO_HOST_NAMES], [INTRODUCTION, 'guest', INTRODUCTION_CHARS]] as const) {
      for (const match of text.matchAll(cue)) {
        const from = match.index + match[0].length
        let window = text.slice(from, from + chars)
        // The co-hosts named are those before the clause ends ("co-host Jerod Santo, we're talking to…").
        if (role === 'host') window = window.slice(0, window.search(/[.,;:!?]|$/))
        for (const other of others) if (!introduced.has(other) && names(window, other)) introduced.set(other, role)
      }
    }
  }
  const roles = new Map<RosterMember, Role>()
  for (const member of members) {
    if (!open(member)) continue
    const said = host.has(member) === guest.has(member) ? undefined : host.has(member) ? 'host' : 'guest'
    const role = said ?? (host.has(member) || guest.has(member) ? undefined : introduced.get(member))
    if (role) roles.set(member, role)
  }
  return roles
}
