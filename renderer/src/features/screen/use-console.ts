/**
 * The Screen tab's binding of ConsoleController to React and to its frame: messages from the console
 * document (only from that frame, only of our origin), the VM's state, the console area's size (an
 * enhanced session follows it, a moment after the resizing stops).
 */
import { useEffect, useMemo, useRef, useSyncExternalStore, type RefObject } from 'react';
import type { VmSnapshotDto } from '../../../../app/ipc/contract.js';
import { hasScreen } from '../../../../app/vm/state.js';
import { useApi } from '../../api/context.js';
import { ConsoleController, type ConsoleStatus } from './console-controller.js';
import { readConsoleMessage } from './console-protocol.js';

/** How long the console area must keep its size before an enhanced session asks the guest to follow. */
const RESIZE_SETTLE_MS = 400;

export interface ConsoleBinding {
  readonly controller: ConsoleController;
  readonly status: ConsoleStatus;
  readonly frameRef: RefObject<HTMLIFrameElement | null>;
  readonly viewportRef: RefObject<HTMLDivElement | null>;
}

export function useConsole(vm: VmSnapshotDto, onRelease: () => void): ConsoleBinding {
  const api = useApi();
  const frameRef = useRef<HTMLIFrameElement | null>(null);
  const viewportRef = useRef<HTMLDivElement | null>(null);
  const releaseRef = useRef(onRelease);
  releaseRef.current = onRelease;

  const controller = useMemo(
    () =>
      new ConsoleController({
        api,
        path: vm.path,
        post: (message) => frameRef.current?.contentWindow?.postMessage(message, window.location.origin),
        viewport: () => {
          const box = viewportRef.current?.getBoundingClientRect();
          return { width: Math.round(box?.width ?? 1024), height: Math.round(box?.height ?? 768) };
        },
        onRelease: () => releaseRef.current(),
      }),
    [api, vm.path],
  );
  useEffect(() => () => controller.dispose(), [controller]);

  const status = useSyncExternalStore(
    (listener) => controller.subscribe(listener),
    () => controller.status,
  );

  const running = hasScreen(vm.state);
  useEffect(() => controller.vmRunning(running), [controller, running]);

  useEffect(() => {
    const onMessage = (event: MessageEvent) => {
      if (event.origin !== window.location.origin || event.source === null || event.source !== frameRef.current?.contentWindow) return;
      const message = readConsoleMessage(event.data);
      if (message !== null) controller.frameMessage(message);
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [controller]);

  useEffect(() => {
    const viewport = viewportRef.current;
    if (viewport === null || typeof ResizeObserver === 'undefined') return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = new ResizeObserver(() => {
      clearTimeout(timer);
      timer = setTimeout(() => controller.viewportResized(), RESIZE_SETTLE_MS);
    });
    observer.observe(viewport);
    return () => {
      clearTimeout(timer);
      observer.disconnect();
    };
  }, [controller]);

  return { controller, status, frameRef, viewportRef };
}
