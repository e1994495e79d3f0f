// Types for bundle-size.mjs.
export declare const WIDGET_GZIP_BUDGET: number;
export interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}
export declare function sizesOf(code: string | Uint8Array): Sizes;
export declare function widgetFiles(distDir: URL): {
  entry: Uint8Array;
  always: Array<{ name: string; code: Uint8Array }>;
  onDemand: Array<{ name: string; code: Uint8Array }>;
};
export declare function totalOf(codes: Array<string | Uint8Array>): Sizes;
