import { createPinia } from 'pinia';
import { createApp } from 'vue';
import { whenUnauthorized } from './api/http-client';
import App from './app.vue';
import { createDashboardRouter } from './router/router';
import { useSessionStore } from './stores/session.store';
import './styles.css';

const app = createApp(App);
app.use(createPinia());
const router = createDashboardRouter();
app.use(router);

whenUnauthorized(() => {
  useSessionStore().forget();
  if (router.currentRoute.value.name !== 'sign-in') void router.push({ name: 'sign-in', query: { redirect: router.currentRoute.value.fullPath } });
});

app.mount('#app');
