import { onBeforeUnmount, onMounted, type Ref, shallowRef, watch } from 'vue';
import { type ChartOption, init } from './echarts-setup';

type Chart = ReturnType<typeof init>;

/** Draws `option` in `element` and redraws it when the option or the element's size changes. */
export function useEcharts(element: Ref<HTMLElement | null>, option: Ref<ChartOption>): void {
  const chart = shallowRef<Chart | null>(null);
  let observer: ResizeObserver | null = null;

  onMounted(() => {
    if (!element.value) return;
    chart.value = init(element.value, undefined, { renderer: 'canvas' });
    chart.value.setOption(option.value);
    observer = new ResizeObserver(() => chart.value?.resize());
    observer.observe(element.value);
  });

  watch(option, (next) => chart.value?.setOption(next, { notMerge: true }));

  onBeforeUnmount(() => {
    observer?.disconnect();
    chart.value?.dispose();
    chart.value = null;
  });
}
