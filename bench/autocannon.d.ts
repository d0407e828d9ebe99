// autocannon ships no types (and the workshop installs no @types for it): this
// is the part of its programmatic API that the throughput section uses.
declare module 'autocannon' {
  namespace autocannon {
    type Options = {
      url: string;
      connections?: number;
      duration?: number; // seconds
      timeout?: number; // seconds before a request counts as a timeout (and an error)
      pipelining?: number;
      // A run first, not counted: the JIT warms up and the connections open.
      warmup?: { connections?: number; duration?: number };
    };
    // Milliseconds for latency; requests per one-second sample for requests.
    type Histogram = { average: number; p50: number; p99: number; max: number };
    type Result = {
      duration: number; // seconds, as measured
      errors: number; // connection errors and timeouts
      timeouts: number; // also counted in errors
      non2xx: number;
      '2xx': number;
      latency: Histogram; // of the 2xx answers only
      requests: Histogram & { total: number; sent: number };
    };
  }
  function autocannon(options: autocannon.Options): Promise<autocannon.Result>;
  export = autocannon;
}
