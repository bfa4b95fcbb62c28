// Module types wrangler bundles for the Worker: `.bin` files are Data modules (an ArrayBuffer).
declare module '*.bin' {
  const data: ArrayBuffer;
  export default data;
}
