export declare const BUNDLE_DIR: string
export declare const BUNDLE_ENTRY: string
export declare function staleBuilds(root: string): { proxy: boolean; app: boolean }
export declare function bundleIsStale(root: string): boolean
export declare function appIsStale(root: string): boolean
export declare function bundleProxy(root: string): Promise<void>
