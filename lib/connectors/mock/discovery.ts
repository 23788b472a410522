import type { ConnectorBinding } from '../binding';
import { discoverySearchInput, type DiscoveryConnector, type ListedApp } from '../services/discovery';
import { pickSome, seededRandom } from './sample';

/** A small directory of made-up apps, on example.com-style domains that lead nowhere real. */
const DIRECTORY: ListedApp[] = [
  { app_id: 'taskflow', name: 'Taskflow', description: 'Kanban boards and sprints for small teams.', url: 'https://taskflow.example', category: 'productivity' },
  { app_id: 'ledgerly', name: 'Ledgerly', description: 'Bookkeeping and invoices for freelancers.', url: 'https://ledgerly.example', category: 'finance' },
  { app_id: 'clinic_desk', name: 'Clinic Desk', description: 'Appointments and reminders for small practices.', url: 'https://clinic-desk.example', category: 'health' },
  { app_id: 'crewroster', name: 'Crew Roster', description: 'Shift planning for restaurants and shops.', url: 'https://crewroster.example', category: 'operations' },
  { app_id: 'lesson_loop', name: 'Lesson Loop', description: 'Courses, quizzes and progress for tutors.', url: 'https://lesson-loop.example', category: 'education' },
  { app_id: 'fieldkit', name: 'Fieldkit', description: 'Work orders and photo notes for field technicians.', url: 'https://fieldkit.example', category: 'operations' },
  { app_id: 'pantry', name: 'Pantry', description: 'Recipes, meal plans and shopping lists.', url: 'https://pantry.example', category: 'lifestyle' },
  { app_id: 'helpline', name: 'Helpline', description: 'A shared support inbox with canned replies.', url: 'https://helpline.example', category: 'support' },
];

/** Sample discovery: the directory above, searched as the platform does (name and description), featuring two per app. */
export function mockDiscovery(binding: ConnectorBinding): DiscoveryConnector {
  return {
    search: async (input) => {
      const { query, limit } = discoverySearchInput.parse(input);
      const words = query.toLowerCase();
      const found = DIRECTORY.filter((app) => !words || `${app.name} ${app.description}`.toLowerCase().includes(words));
      return { available: true, sample: true, apps: found.slice(0, limit), total: found.length };
    },
    featured: async () => ({ available: true, sample: true, apps: pickSome(seededRandom('discovery', binding.appId), DIRECTORY, 2) }),
  };
}
