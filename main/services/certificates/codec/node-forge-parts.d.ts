// Types for the three node-forge modules the codec loads on their own: the whole library costs
// ~75 ms to load, these parts ~15 ms, and only RC2 and single DES (absent from Node's OpenSSL 3
// default provider) are needed from it.
declare module 'node-forge/lib/rc2' {
  import type forge from 'node-forge';
  const rc2: typeof forge.rc2;
  export default rc2;
}
declare module 'node-forge/lib/cipher' {
  import type forge from 'node-forge';
  const cipher: typeof forge.cipher;
  export default cipher;
}
declare module 'node-forge/lib/util' {
  import type forge from 'node-forge';
  const util: typeof forge.util;
  export default util;
}
declare module 'node-forge/lib/des';
