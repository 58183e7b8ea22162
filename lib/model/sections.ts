/** The steps whose answers a schema checks, in wizard order. */
export const VALIDATED_SECTIONS = [
  'general',
  'os',
  'system',
  'disks',
  'cpu',
  'memory',
  'network',
] as const;
export type ValidatedSection = (typeof VALIDATED_SECTIONS)[number];
