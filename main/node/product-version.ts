import appManifest from '../../app/package.json';

/** The product version, from the packaged app's manifest (the one electron-builder ships). */
export const PRODUCT_VERSION: string = appManifest.version;
