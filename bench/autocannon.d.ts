// The part of autocannon's API the bench uses (the package ships no types).
declare module "autocannon" {
  type Request = {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    setupRequest?: (request: Request, context: Record<string, unknown>) => Request;
    onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
  };
  type Options = {
    url: string;
    connections?: number;
    amount?: number;
    duration?: number;
    timeout?: number;
    /** Milliseconds between samples (default 1000); the result comes on the first sample after the last response. */
    sampleInt?: number;
    headers?: Record<string, string>;
    requests?: Request[];
  };
  type Result = { requests: { total: number; average: number }; errors: number; timeouts: number; non2xx: number; duration: number };
  type Instance = PromiseLike<Result> & {
    stop(): void;
    on(event: "response", listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): void;
  };
  function autocannon(options: Options): Instance;
  export default autocannon;
}
