import type { Hono } from 'hono'
import { caDownloadRoutes } from '../tls/ca-download'
import type { AppContext, AppEnv } from './context'
import { hideSecretsFromOperators } from './middleware/operator-secrets'
import { auditTrail } from './middleware/audit'
import { bearerAuth } from './middleware/auth'
import { screenSchoolAccount } from './middleware/school-account'
import { auditRoutes } from './routes/audit'
import { classRoutes } from './routes/classes'
import { deviceImportRoutes } from './routes/device-import'
import { deviceUserRoutes } from './routes/device-users'
import { deviceStatusRoutes } from './routes/device-status'
import { deviceSettingsRoutes } from './routes/device-settings'
import { deviceTimeRoutes } from './routes/device-time'
import { eventIntakeRoutes } from './routes/event-intake'
import { eventRelayRoutes } from './routes/event-relay'
import { deviceRoutes } from './routes/devices'
import { discoveryRoutes } from './routes/discovery'
import { schoolLinkRoutes } from './routes/school-link'
import { schoolAccountRoutes } from './routes/school-account'
import { healthRoutes } from './routes/health'
import { jobRoutes } from './routes/jobs'
import { liveCheckRoutes } from './routes/live-check'
import { outboxRoutes } from './routes/outbox'
import { pairingRoutes } from './routes/pairing'
import { pwaRoutes } from './routes/pwa'
import { registrationRoutes } from './routes/registrations'
import { settingsRoutes } from './routes/settings'
import { studentExportRoutes } from './routes/student-export'
import { studentRoutes } from './routes/students'
import { tokenRoutes } from './routes/tokens'
import { webhookRoutes } from './routes/webhooks'
import { withFrontDoor } from './front-door'

/**
 * The proxy's whole HTTP face: the API under /api (bearer auth except health and pairing), the terminals'
 * event intake, the CA download and the built PWA. Each route group is a `proxy/http/routes/<group>.ts`
 * factory taking the AppContext, mounted under /api; unmatched /api paths fall through to `notFound`
 * (contract-shaped 404). The proxy loads it on its first request other than a health check (app.ts).
 */
export function createApi(ctx: AppContext): Hono<AppEnv> {
  const app = withFrontDoor(ctx)
  app.use('/api/*', bearerAuth(ctx))
  app.use('/api/*', screenSchoolAccount(ctx.services.schoolAccounts))
  app.use('/api/*', auditTrail(ctx.services.audit, ctx.logger))
  app.use('/api/*', hideSecretsFromOperators())

  app.route('/api', healthRoutes(ctx))
  app.route('/api', pairingRoutes(ctx))
  app.route('/api', tokenRoutes(ctx))
  app.route('/api', settingsRoutes(ctx))
  app.route('/api', auditRoutes(ctx))
  app.route('/api', outboxRoutes(ctx))
  app.route('/api', deviceStatusRoutes(ctx))
  app.route('/api', deviceTimeRoutes(ctx))
  app.route('/api', deviceSettingsRoutes(ctx))
  app.route('/api', webhookRoutes(ctx))
  app.route('/api', deviceRoutes(ctx))
  app.route('/api', discoveryRoutes(ctx))
  app.route('/api', schoolLinkRoutes(ctx))
  app.route('/api', schoolAccountRoutes(ctx))
  app.route('/api', deviceUserRoutes(ctx))
  app.route('/api', registrationRoutes(ctx))
  app.route('/api', jobRoutes(ctx))
  app.route('/api', studentExportRoutes(ctx))
  app.route('/api', studentRoutes(ctx))
  app.route('/api', deviceImportRoutes(ctx))
  app.route('/api', classRoutes(ctx))
  app.route('/api', liveCheckRoutes(ctx))
  app.route('/api', eventRelayRoutes(ctx))
  // terminals post here with their own secret, outside /api and its bearer tokens
  app.route('/', eventIntakeRoutes(ctx))

  if (ctx.caPem) app.route('/', caDownloadRoutes(ctx.caPem))
  app.route('/', pwaRoutes(ctx.distDir))
  return app
}
