import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { printable } from '../../shared/text/controlChars';
import { en } from './en';
import { vi } from './vi';

const saved = typeof localStorage !== 'undefined' ? localStorage.getItem('suquan.lang') : null;

void i18next.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: saved === 'en' ? 'en' : 'vi',
  fallbackLng: 'vi',
  // React escapes markup itself; what an interpolated value (a file name, a typed name, a path)
  // may not bring into a sentence are control characters and bidi overrides, which turned the
  // sentence's own words after it around ("Thêm “tên” làm" shown as "… màl").
  interpolation: { escapeValue: true, escape: printable },
  returnNull: false,
});

export function setLanguage(lang: 'vi' | 'en'): void {
  localStorage.setItem('suquan.lang', lang);
  void i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
}

/** "14:05:09" style time and "25/11/2026" style date, the Vietnamese way. */
export function formatTime(iso: string | Date): string {
  return new Date(iso).toLocaleTimeString('vi-VN', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}

export function formatDate(iso: string | Date): string {
  const d = new Date(iso);
  return `${d.getDate()}/${d.getMonth() + 1}/${d.getFullYear()}`;
}

/** "12,3 MB" / "840 kB": a size in the UI language's number format (1 MB = 1 000 000 bytes). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(i18next.language === 'en' ? 'en-US' : 'vi-VN', { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

export default i18next;
