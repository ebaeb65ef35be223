/**
 * The automatic backups as the app makes them, for the sentences that tell the user (the welcome
 * screen's notes): electron/core/backup/backupPolicy.ts DEFAULT_BACKUP_POLICY. The renderer may not
 * import the core; tests/unit/onboarding/welcomeScreen.test.ts keeps the two equal.
 */
export const BACKUP_FACTS = { intervalMinutes: 30, keepLatest: 10, keepDailyDays: 30 } as const;
