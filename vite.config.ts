import { readFileSync } from 'node:fs'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import { VitePWA } from 'vite-plugin-pwa'
import { buildProgress } from './proxy/build-progress'
import { FACE_MODEL_PRECACHE, faceModels } from './vite.face-models'

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string
}
const BRAND = '#0f5c4c'
// `npm start` builds in a child and asks it to report progress; a plain `vite build` stays quiet
const progress =
  process.env.SR_BUILD_PROGRESS === '1' ? buildProgress((line) => process.stdout.write(line)) : null

export default defineConfig({
  plugins: [
    vue(),
    faceModels(),
    ...(progress ? [{ ...progress.plugin, closeBundle: () => progress.done() }] : []),
    VitePWA({
      strategies: 'generateSW',
      // a new version waits for the person to tap "Update" (web/pwa/useAppUpdate.ts); never mid-enrollment
      registerType: 'prompt',
      // registration happens in web/pwa/useAppUpdate.ts, not in an injected script
      injectRegister: false,
      includeAssets: ['icons/icon.svg', 'icons/apple-touch-icon-180.png'],
      manifest: {
        id: '/',
        name: 'Student Registrator',
        short_name: 'Registrator',
        description: 'Oʻquvchilarni maktab kirish eshigidagi yuz tanish terminallariga roʻyxatga olish',
        lang: 'uz',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: BRAND,
        background_color: '#f4f6f5',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,png,svg,ico,webmanifest,woff2}', ...FACE_MODEL_PRECACHE],
        // the face detector's chunk (TensorFlow.js inside) is about 2 MB; the default limit would drop it
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        navigateFallback: 'index.html',
        // the API is never answered from a cache (Dexie is the offline store), nor are the proxy's own pages
        navigateFallbackDenylist: [/^\/api\//, /^\/onboarding/, /^\/ca\./],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  define: {
    'import.meta.env.VITE_APP_VERSION': JSON.stringify(version),
  },
  build: { outDir: 'dist', emptyOutDir: true },
})
