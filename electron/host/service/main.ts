// Placeholder: the service host process entry (filled in by the shell work).
export {};
