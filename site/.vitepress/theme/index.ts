/** VitePress's default theme with the site's colours; nothing else is changed. */
import DefaultTheme from 'vitepress/theme';
import './custom.css';

export default DefaultTheme;
