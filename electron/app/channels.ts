/**
 * The IPC channels shared by the main process and the preload: one for calls (the contract's
 * services, plus the window's own abilities as the pseudo-service "window"), one for events.
 */
export const INVOKE_CHANNEL = 'suquan:invoke';
export const EVENT_CHANNEL = 'suquan:event';
/** The pseudo-service the main process answers itself: native dialogs. */
export const WINDOW_SERVICE = 'window';
