import type { CSSVariablesResolver } from '@mantine/core';

/**
 * Mantine's default palette puts dimmed text, error text and white-on-colour buttons and
 * badges below WCAG AA's 4.5:1 (white on blue.6 is 3.6:1). These light-mode values darken
 * exactly those variables, so axe finds no serious or critical contrast issue.
 */
export const accessibleColors: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#5c636a',
    '--mantine-color-error': '#c92a2a',
    '--mantine-color-blue-filled': '#1971c2',
    '--mantine-color-blue-filled-hover': '#1864ab',
    '--mantine-color-blue-light-color': '#1864ab',
    '--mantine-color-blue-outline': '#1971c2',
    '--mantine-color-red-filled': '#c92a2a',
    '--mantine-color-red-filled-hover': '#a61e1e',
    '--mantine-color-red-light-color': '#c92a2a',
    '--mantine-color-red-outline': '#c92a2a',
    '--mantine-color-orange-filled': '#c2410c',
    '--mantine-color-orange-filled-hover': '#a63a0a',
    '--mantine-color-orange-light-color': '#a63a0a',
    '--mantine-color-orange-outline': '#c2410c',
    '--mantine-color-teal-filled': '#087f5b',
    '--mantine-color-teal-filled-hover': '#066a4c',
    '--mantine-color-teal-light-color': '#066a4c',
    '--mantine-color-teal-outline': '#087f5b',
    '--mantine-color-yellow-filled': '#8a5a00',
    '--mantine-color-yellow-filled-hover': '#7a5200',
    '--mantine-color-yellow-light-color': '#7a5200',
    '--mantine-color-gray-light-color': '#495057',
  },
  dark: {},
});
