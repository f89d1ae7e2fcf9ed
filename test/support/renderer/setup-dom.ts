/** Set-up for the renderer's component tests (happy-dom): jest-dom's matchers, English words, and a clean page per test. */
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import en from '../../../app/i18n/messages/en.json' with { type: 'json' };
import { createTranslator } from '../../../app/i18n/translator.js';
import { setTestTranslator } from '../../../renderer/src/i18n/context.js';

// Components find their words through useT(); tests render them without the provider, in English.
setTestTranslator(createTranslator('en', en));

afterEach(() => cleanup());
