/** Set-up for the renderer's component tests (happy-dom): jest-dom's matchers, and a clean page per test. */
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => cleanup());
