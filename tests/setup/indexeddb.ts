// Dexie's liveQuery only works against the global indexedDB, so the fake one must be installed first.
import 'fake-indexeddb/auto'
