import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { vi } from './vi';

const saved = typeof localStorage !== 'undefined' ? localStorage.getItem('suquan.lang') : null;

void i18next.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: saved === 'en' ? 'en' : 'vi',
  fallbackLng: 'vi',
  interpolation: { escapeValue: false },
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

export default i18next;
