/** The IPC channel names shared by the main process and the preload. */
export const INVOKE_CHANNEL = 'suquan:invoke';
export const SAVE_FILE_CHANNEL = 'suquan:save-file';
export const CHOOSE_FILES_CHANNEL = 'suquan:choose-files';
export const CHOOSE_FOLDER_CHANNEL = 'suquan:choose-folder';
