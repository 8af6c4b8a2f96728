import { createPinia, setActivePinia } from 'pinia';
import { useFlashStore } from './flash.store';

beforeEach(() => setActivePinia(createPinia()));

describe('the flash store', () => {
  it('keeps a message on the page it lands on and drops it when the user moves on', () => {
    const flash = useFlashStore();
    flash.show('warning', 'Activity Log is not available to you');
    flash.show('warning', 'Activity Log is not available to you');
    flash.arrived('/w/ws-1');
    expect(flash.messages.map((message) => [message.text, message.shownOn])).toEqual([['Activity Log is not available to you', '/w/ws-1']]);
    flash.arrived('/w/ws-1');
    expect(flash.messages).toHaveLength(1);
    flash.arrived('/w/ws-1/recent');
    expect(flash.messages).toEqual([]);
  });

  it('lets the user dismiss a message', () => {
    const flash = useFlashStore();
    flash.show('info', 'One');
    flash.show('error', 'Two');
    flash.dismiss(flash.messages[0].id);
    expect(flash.messages.map((message) => message.text)).toEqual(['Two']);
  });
});
