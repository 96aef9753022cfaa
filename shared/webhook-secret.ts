/** The webhook secret as it rides in a URL's query (`/webhook/:schoolId/in?secret=…`, BACKEND-CONTRACT). */
const SECRET_IN_URL = /([?&]secret=)[^&#"\\\s]*/gi

/** Every webhook secret in `text` (one URL, or a whole JSON answer) replaced by dots. */
export function hideWebhookSecrets(text: string): string {
  return text.replace(SECRET_IN_URL, '$1••••••')
}
