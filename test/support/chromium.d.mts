// Types for chromium.mjs, which the test-runner config (plain JavaScript) and the TypeScript tests share.
export declare const chromiumPath: string;
export declare const chromiumArgs: string[];
