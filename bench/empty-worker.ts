// The baseline of bench/worker-edge.ts: a Worker that loads nothing and answers a fixed 1 kB JSON body, run by
// `wrangler dev` with the same configuration. Its first response is what local workerd and wrangler's proxy cost
// before any of the robot's own work.
const BODY = JSON.stringify({ answer: '本机关咨询电话：0000000。'.repeat(40) });

export default {
  async fetch(): Promise<Response> {
    return new Response(BODY, { headers: { 'content-type': 'application/json; charset=utf-8' } });
  },
};
