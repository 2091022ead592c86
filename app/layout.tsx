import type { Metadata, Viewport } from 'next';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'opsdeck', template: '%s · opsdeck' },
  description: 'Incident operations console',
  icons: { icon: '/favicon.svg' },
};

export const viewport: Viewport = { themeColor: '#0d1117', width: 'device-width', initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" className="dark">
      <body className="min-h-screen antialiased">{children}</body>
    </html>
  );
}
