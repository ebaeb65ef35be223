/** Metadata suggested from a document's own text (filled in below). */
import type { MetadataSuggestions } from '../../../shared/api/archive';

export function suggestMetadata(_text: string): MetadataSuggestions {
  return {};
}
