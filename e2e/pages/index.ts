export { HakoApp } from './hako-app.js';
export { VmPage, type ActionLabel } from './vm-page.js';
export { SettingsTab, type SectionName } from './settings-tab.js';
export { DiagnosticsPage } from './diagnostics-page.js';
export { PreferencesPage } from './preferences-page.js';
export { NetworksPage } from './networks-page.js';
export { LibraryHome, type BulkLabel } from './library-home.js';
export { ConsoleTab } from './console-tab.js';
