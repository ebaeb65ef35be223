export { createShaper, type Shaper, type FaceUse } from './shaper';
export { createContext, prepareBook, type PrepareContext } from './prepare';
export { prepareToc, prepareIndex, sortIndex, normaliseTonePlacement, type TocEntry, type IndexEntry } from './generated';
