import {
  createRouter,
  createWebHistory,
  type RouteLocationNormalized,
  type RouteRecordRaw,
  type Router,
  type RouterHistory,
} from 'vue-router'
import { isRole } from '../shared/api/roles'
import EnrollPage from './pages/EnrollPage.vue'
import { useSessionStore } from './stores/session'
import type { IconName } from './components/icons'

export type PageName = 'enroll' | 'queue' | 'devices' | 'students' | 'check' | 'settings' | 'audit'

export interface NavItem {
  name: PageName
  path: string
  icon: IconName
  /** false: on a phone this page is reached from the header instead, so five tabs keep readable labels */
  phoneTab: boolean
}

/** The order of the menu, on the side rail of a tablet and in the tab bar of a phone. */
export const NAV_ITEMS: readonly NavItem[] = [
  { name: 'enroll', path: '/', icon: 'enroll', phoneTab: true },
  { name: 'queue', path: '/queue', icon: 'queue', phoneTab: true },
  { name: 'devices', path: '/devices', icon: 'devices', phoneTab: true },
  { name: 'students', path: '/students', icon: 'students', phoneTab: true },
  { name: 'check', path: '/check', icon: 'check', phoneTab: true },
  { name: 'settings', path: '/settings', icon: 'settings', phoneTab: false },
  { name: 'audit', path: '/audit', icon: 'todo', phoneTab: false },
]

/** The text that names each page in the browser's tab: the menu word, or the page's own title. */
const TITLE_KEYS: Readonly<Record<string, string>> = {
  import: 'nav.classImport',
  'device-import': 'nav.deviceImport',
}

export function pageTitleKey(routeName: string): string {
  return TITLE_KEYS[routeName] ?? `nav.${routeName}`
}

// The home page is in the first bundle; the others load when first opened (and are precached for offline).
export const routes: RouteRecordRaw[] = [
  { path: '/', name: 'enroll', component: EnrollPage },
  { path: '/queue', name: 'queue', component: () => import('./pages/QueuePage.vue') },
  { path: '/devices', name: 'devices', component: () => import('./pages/DevicesPage.vue') },
  {
    path: '/devices/:id/import',
    name: 'device-import',
    component: () => import('./pages/DeviceImportPage.vue'),
    meta: { admin: true },
  },
  {
    path: '/devices/:id/settings',
    name: 'deviceSettings',
    component: () => import('./pages/DeviceSettingsPage.vue'),
    meta: { admin: true },
  },
  { path: '/students', name: 'students', component: () => import('./pages/StudentsPage.vue') },
  { path: '/check', name: 'check', component: () => import('./pages/CheckPage.vue') },
  { path: '/settings', name: 'settings', component: () => import('./pages/SettingsPage.vue') },
  {
    path: '/audit',
    name: 'audit',
    component: () => import('./pages/AuditPage.vue'),
    meta: { admin: true },
  },
  { path: '/import', name: 'import', component: () => import('./pages/ImportPage.vue') },
  {
    path: '/not-allowed',
    name: 'notAllowed',
    component: () => import('./components/NotAllowedNotice.vue'),
  },
  { path: '/:unknown(.*)*', redirect: '/' },
]

declare module 'vue-router' {
  interface RouteMeta {
    /** only an admin screen may open this page; others get the polite "not allowed" page instead */
    admin?: boolean
  }
}

export function createAppRouter(history: RouterHistory = createWebHistory()): Router {
  const router = createRouter({ history, routes })
  router.beforeEach(takePairCodeFromAddress)
  router.beforeEach(keepAdminPagesForAdmins)
  return router
}

/** Whether this screen may open a route: one with `meta.admin` is for a screen paired as admin only. */
export function mayOpen(route: Pick<RouteLocationNormalized, 'matched'>): boolean {
  if (!route.matched.some((record) => record.meta.admin)) return true
  const session = useSessionStore()
  return session.isPaired && session.role === 'admin'
}

/**
 * An operator (or an unpaired screen) that opens an admin page's address gets a page saying so, not a
 * screen whose every request the proxy would refuse. The address it wanted goes along in `from`.
 */
function keepAdminPagesForAdmins(to: RouteLocationNormalized) {
  if (mayOpen(to)) return true
  return { name: 'notAllowed', query: { from: to.fullPath }, replace: true }
}

/**
 * A scanned pairing QR opens `<proxy>/?pair=CODE`. Keep the code in memory, drop it from the address
 * (it must not stay in history or bookmarks), and go to Settings, which pairs with it.
 */
function takePairCodeFromAddress(to: RouteLocationNormalized) {
  const code = to.query.pair
  if (typeof code !== 'string' || code.trim() === '') return true
  const session = useSessionStore()
  session.pendingPairCode = code.trim()
  session.pendingPairRole = isRole(to.query.role) ? to.query.role : null
  const query = { ...to.query }
  delete query.pair
  delete query.role
  return { name: 'settings', query, hash: to.hash, replace: true }
}
