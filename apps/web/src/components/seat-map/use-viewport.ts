"use client";

import { type PointerEvent as ReactPointerEvent, type RefObject, useCallback, useEffect, useRef, useState } from "react";

// Zoom and pan of the seat map as a viewBox (the SVG scales crisply, no CSS transforms): buttons,
// wheel (zooms around the pointer; at the overview only with Ctrl, so the page scrolls past),
// drag to pan, two-finger pinch, and animated jumps (a section tapped on a phone). Touch pans and
// pinches act only on a zoomed map: the overview leaves touch to the page. A drag of more than a
// few pixels is a pan, so the click that ends it selects nothing.

const MIN_SCALE = 1;
const MAX_SCALE = 10;
const DRAG_THRESHOLD_PX = 5;
const ANIMATION_MS = 350;

const prefersReducedMotion = () => typeof window !== "undefined" && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

export interface TView {
  scale: number;
  /** Centre of the visible area, in map units. */
  cx: number;
  cy: number;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/**
 * Quadratic ease-in-out of an animation's progress t, clamped to 0..1 and monotonic. A frame's
 * timestamp is when the frame began, which can be before the click that started the animation:
 * an unclamped t < 0 gave k > 0, so the first frame overshot and the next dipped back (the map
 * flickered zoomed, then not, and forgot which section it was zooming to).
 */
export function easeInOut(t: number): number {
  const x = clamp(t, 0, 1);
  return x < 0.5 ? 2 * x * x : 1 - (-2 * x + 2) ** 2 / 2;
}

export function useViewport(svgRef: RefObject<SVGSVGElement | null>, width: number, height: number) {
  const [view, setView] = useState<TView>(() => ({ scale: 1, cx: width / 2, cy: height / 2 }));
  // The drawn size of the canvas in CSS pixels (labels and tap targets are sized from it).
  const viewRef = useRef(view);
  viewRef.current = view;
  const [box, setBox] = useState({ width: 0, height: 0 });
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const measure = () => {
      const rect = svg.getBoundingClientRect();
      setBox((current) => (current.width === rect.width && current.height === rect.height ? current : { width: rect.width, height: rect.height }));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(svg);
    return () => observer.disconnect();
  }, [svgRef]);

  const settle = useCallback(
    (next: TView): TView => {
      const scale = clamp(next.scale, MIN_SCALE, MAX_SCALE);
      const halfW = width / scale / 2;
      const halfH = height / scale / 2;
      return { scale, cx: clamp(next.cx, halfW, width - halfW), cy: clamp(next.cy, halfH, height - halfH) };
    },
    [width, height],
  );

  /** Zooms by `factor` keeping the map point `anchor` where it is (default: the centre). */
  const zoomBy = useCallback(
    (factor: number, anchor?: { x: number; y: number }) =>
      setView((current) => {
        const scale = clamp(current.scale * factor, MIN_SCALE, MAX_SCALE);
        const a = anchor ?? { x: current.cx, y: current.cy };
        const ratio = current.scale / scale;
        return settle({ scale, cx: a.x + (current.cx - a.x) * ratio, cy: a.y + (current.cy - a.y) * ratio });
      }),
    [settle],
  );

  // Animated moves: scale eases geometrically, the centre linearly; reduced motion jumps.
  const animation = useRef<number | null>(null);
  const stopAnimation = useCallback(() => {
    if (animation.current !== null) cancelAnimationFrame(animation.current);
    animation.current = null;
  }, []);
  useEffect(() => stopAnimation, [stopAnimation]);
  const animateTo = useCallback(
    (target: TView) => {
      stopAnimation();
      const end = settle(target);
      const start = viewRef.current;
      if (prefersReducedMotion()) {
        setView(end);
        return;
      }
      const startedAt = performance.now();
      const step = (now: number) => {
        const t = Math.min(1, (now - startedAt) / ANIMATION_MS);
        const k = easeInOut(t);
        const scale = start.scale * (end.scale / start.scale) ** k;
        setView(settle({ scale, cx: start.cx + (end.cx - start.cx) * k, cy: start.cy + (end.cy - start.cy) * k }));
        animation.current = t < 1 ? requestAnimationFrame(step) : null;
      };
      animation.current = requestAnimationFrame(step);
    },
    [settle, stopAnimation],
  );
  const reset = useCallback(() => animateTo({ scale: 1, cx: width / 2, cy: height / 2 }), [animateTo, width, height]);
  /** Pans so the map point is visible (keyboard focus moving off screen). */
  const reveal = useCallback(
    (x: number, y: number) =>
      setView((current) => {
        const halfW = width / current.scale / 2;
        const halfH = height / current.scale / 2;
        const margin = 0.1;
        const inside = Math.abs(x - current.cx) < halfW * (1 - margin) && Math.abs(y - current.cy) < halfH * (1 - margin);
        return inside ? current : settle({ ...current, cx: x, cy: y });
      }),
    [width, height, settle],
  );

  // Pixels → map units, and a client point → map point.
  const unitsPerPixel = useCallback(
    (scale: number) => {
      const svg = svgRef.current;
      const rect = svg?.getBoundingClientRect();
      if (!rect || rect.width === 0) return 1;
      // preserveAspectRatio "meet": the tighter of the two axes decides.
      return Math.max(width / scale / rect.width, height / scale / rect.height);
    },
    [svgRef, width, height],
  );
  const toMapPoint = useCallback(
    (clientX: number, clientY: number, current: TView) => {
      const rect = svgRef.current?.getBoundingClientRect();
      if (!rect) return { x: current.cx, y: current.cy };
      const upp = unitsPerPixel(current.scale);
      return { x: current.cx + (clientX - (rect.left + rect.width / 2)) * upp, y: current.cy + (clientY - (rect.top + rect.height / 2)) * upp };
    },
    [svgRef, unitsPerPixel],
  );

  // Wheel zoom needs a non-passive listener to keep the page from scrolling.
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const onWheel = (event: WheelEvent) => {
      // The overview lets the page scroll; Ctrl + wheel (and a trackpad pinch) still zooms it.
      if (viewRef.current.scale <= MIN_SCALE && !event.ctrlKey && !event.metaKey) return;
      event.preventDefault();
      stopAnimation();
      const factor = Math.exp(-event.deltaY * (event.deltaMode === 1 ? 0.05 : 0.002));
      zoomBy(factor, toMapPoint(event.clientX, event.clientY, viewRef.current));
    };
    svg.addEventListener("wheel", onWheel, { passive: false });
    return () => svg.removeEventListener("wheel", onWheel);
  }, [svgRef, zoomBy, toMapPoint, stopAnimation]);

  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const gesture = useRef<{ startX: number; startY: number; dragging: boolean; pinchDistance: number | null }>({
    startX: 0,
    startY: 0,
    dragging: false,
    pinchDistance: null,
  });
  const suppressClick = useRef(false);
  const lastPointerType = useRef<string>("mouse");

  const onPointerDown = useCallback(
    (event: ReactPointerEvent<SVGSVGElement>) => {
      lastPointerType.current = event.pointerType;
      if (event.pointerType === "mouse" && event.button !== 0) return;
      // On the overview a finger belongs to the page (it scrolls past the map): taps only.
      if (event.pointerType !== "mouse" && viewRef.current.scale <= MIN_SCALE) return;
      stopAnimation();
      pointers.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
      suppressClick.current = false;
      if (pointers.current.size === 1) gesture.current = { startX: event.clientX, startY: event.clientY, dragging: false, pinchDistance: null };
      else gesture.current.pinchDistance = null;
    },
    [stopAnimation],
  );

  const onPointerMove = useCallback(
    (event: ReactPointerEvent<SVGSVGElement>) => {
      const previous = pointers.current.get(event.pointerId);
      if (!previous) return;
      const point = { x: event.clientX, y: event.clientY };
      pointers.current.set(event.pointerId, point);
      if (pointers.current.size >= 2) {
        const [a, b] = [...pointers.current.values()];
        const distance = Math.hypot(a!.x - b!.x, a!.y - b!.y);
        const last = gesture.current.pinchDistance;
        gesture.current.pinchDistance = distance;
        gesture.current.dragging = true;
        suppressClick.current = true;
        if (last && distance > 0) zoomBy(distance / last, toMapPoint((a!.x + b!.x) / 2, (a!.y + b!.y) / 2, viewRef.current));
        return;
      }
      const g = gesture.current;
      if (!g.dragging && Math.hypot(point.x - g.startX, point.y - g.startY) < DRAG_THRESHOLD_PX) return;
      if (!g.dragging) {
        g.dragging = true;
        suppressClick.current = true;
        // Capture only once it is a drag, so a plain tap still clicks the seat under it.
        event.currentTarget.setPointerCapture(event.pointerId);
      }
      const upp = unitsPerPixel(viewRef.current.scale);
      const dx = (point.x - previous.x) * upp;
      const dy = (point.y - previous.y) * upp;
      setView((current) => settle({ ...current, cx: current.cx - dx, cy: current.cy - dy }));
    },
    [settle, unitsPerPixel, zoomBy, toMapPoint],
  );

  const onPointerEnd = useCallback((event: ReactPointerEvent<SVGSVGElement>) => {
    pointers.current.delete(event.pointerId);
    if (pointers.current.size < 2) gesture.current.pinchDistance = null;
    if (pointers.current.size === 0) gesture.current.dragging = false;
  }, []);

  /** True (once) if the click that is ending was the end of a drag or pinch. */
  const wasDrag = useCallback(() => {
    const dragged = suppressClick.current;
    suppressClick.current = false;
    return dragged;
  }, []);

  const w = width / view.scale;
  const h = height / view.scale;
  // preserveAspectRatio "meet": the tighter axis decides how many pixels a map unit takes.
  const pxPerUnit = box.width > 0 ? Math.min(box.width / w, box.height / h) : 0;
  return {
    view,
    /** CSS pixels per map unit now (0 before the first measure). */
    pxPerUnit,
    /** The canvas's drawn size in CSS px. */
    box,
    /** A map point in CSS px from the canvas's top left corner (the drawing is centred: "meet"). */
    toBoxPoint: (x: number, y: number) => ({
      left: box.width / 2 + (x - view.cx) * pxPerUnit,
      top: box.height / 2 + (y - view.cy) * pxPerUnit,
    }),
    /** CSS pixels per map unit at a given scale. */
    pxPerUnitAt: (scale: number) => (box.width > 0 ? Math.min((box.width * scale) / width, (box.height * scale) / height) : 0),
    zoomed: view.scale > MIN_SCALE + 0.01,
    animateTo,
    /** The pointer type of the last press ("mouse", "touch", "pen"): a tap on the overview zooms. */
    lastPointerType: () => lastPointerType.current,
    toMapPoint: (clientX: number, clientY: number) => toMapPoint(clientX, clientY, viewRef.current),
    maxScale: MAX_SCALE,
    viewBox: `${view.cx - w / 2} ${view.cy - h / 2} ${w} ${h}`,
    zoomIn: () => animateTo({ ...viewRef.current, scale: viewRef.current.scale * 1.5 }),
    zoomOut: () => animateTo({ ...viewRef.current, scale: viewRef.current.scale / 1.5 }),
    reset,
    reveal,
    canZoomIn: view.scale < MAX_SCALE,
    canZoomOut: view.scale > MIN_SCALE,
    wasDrag,
    handlers: { onPointerDown, onPointerMove, onPointerUp: onPointerEnd, onPointerCancel: onPointerEnd },
  };
}
